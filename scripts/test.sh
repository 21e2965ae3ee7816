#!/usr/bin/env bash
# Runs every Folio test, installing what is missing first: formatting and lints, native unit
# tests, component tests in headless Chromium (wasm-bindgen-test), the release build and the
# end-to-end tests against it (twice, the second time under a strict CSP), then Lighthouse.
# Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --locked -- -D warnings

step "native unit tests"
cargo test --locked

step "component tests in headless Chromium"
wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" --mode no-install -- --locked --test components --test search --test share --test reader

step "release build"
trunk build --release --offline --locked

step "end-to-end tests in Chromium"
node --test --test-concurrency=1 e2e/

step "end-to-end tests again under a strict Content-Security-Policy"
FOLIO_CSP=1 node --test --test-concurrency=1 e2e/

step "Lighthouse (median of 5 runs; fails below its bars)"
node e2e/lighthouse.mjs
