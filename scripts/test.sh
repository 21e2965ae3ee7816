#!/usr/bin/env bash
# Runs every Folio test, installing what is missing first: formatting and lints, native tests
# (the core, server rendering of the viewer, the `folio` command), component tests in headless
# Chromium (wasm-bindgen-test), the release build and its npm package, the end-to-end tests
# against them (three times: as built, under a strict CSP, against the packed demo archive; the
# first run also installs the package into Vite apps), then Lighthouse.
# Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p folio-core -p folio-viewer -p folio-bench -p folio-example-yew --target wasm32-unknown-unknown --lib --bins --tests --locked -- -D warnings
# The four Wasm builds the release ships (scripts/post-build.mjs): data files (index.html),
# packed archives (packed/), and for the sites `folio build` writes (site/) the search page's
# packed viewer and the islands.
for features in hydration,whole,embed csr,packed,embed csr,packed,site; do
  cargo clippy -p folio-viewer --target wasm32-unknown-unknown --lib --bins --no-default-features --features "$features" --locked -- -D warnings
done
cargo clippy -p folio-viewer --target wasm32-unknown-unknown --bin folio-islands --no-default-features --features hydration,packed,speech --locked -- -D warnings

step "core has no browser dependency"
if cargo tree -p folio-core -e normal --prefix none | grep -E '^(yew|web-sys|js-sys|gloo|wasm-bindgen) '; then
  echo "folio-core must not depend on the browser crates above" >&2
  exit 1
fi

step "the search's folding table is the one OpenCC's data gives"
target/venv/bin/python scripts/fold-table.py --check crates/folio-core/data/fold.txt

step "the search's pinyin table is the one pypinyin's data gives"
target/venv/bin/python scripts/pinyin-table.py --check crates/folio-core/data/pinyin.txt

step "native tests (core, server rendering, the folio command)"
cargo test --workspace --locked

step "component tests in headless Chromium"
wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" --mode no-install crates/folio-viewer --locked --test components --test search --test share --test reader

step "release build"
trunk build --release --offline --locked

step "npm package (npm pack of the release build)"
node scripts/package.mjs

step "end-to-end tests in Chromium"
node --test --test-concurrency=1 e2e/

step "end-to-end tests again under a strict Content-Security-Policy"
FOLIO_CSP=1 node --test --test-concurrency=1 e2e/

step "end-to-end tests again against the packed demo archive (dist/packed/)"
FOLIO_PACKED=1 node --test --test-concurrency=1 e2e/

step "Lighthouse (median of 5 runs; fails below its bars)"
node e2e/lighthouse.mjs
