#!/usr/bin/env bash
# Installs what Folio needs to build and test, skipping what is already there. Everything comes
# from the package registries (crates.io, Debian, npm): Trunk and wasm-pack are told to use these
# tools instead of downloading their own.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh

have() { command -v "$1" >/dev/null 2>&1; }
step() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock, or the generated JS and the
# Wasm disagree. (No --locked: one of its locked dependencies is missing from the registry.)
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Trunk 0.22 needs a newer rustc than the stable one here; 0.21.14 builds on it.
if ! have trunk || [ "$(trunk --version | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

if ! have wasm-pack || [ "$(wasm-pack --version | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  step "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION" --force
fi

# Chromium and its driver for the browser tests; Noto CJK so Chinese renders in screenshots,
# layout checks and the share cards `folio build` draws as readers see it; xmllint to validate
# sitemaps against their schema; Python's venv for the feed and structured-data validators.
if ! have chromium || ! have chromedriver || ! have xmllint || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
  || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  step "apt-get install chromium chromium-driver fonts-noto-cjk libxml2-utils"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk libxml2-utils
  python3 -c 'import ensurepip, venv' 2>/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
fi

# feedparser and extruct (PyPI), as pinned, in target/venv.
if [ ! -x target/venv/bin/python ] || ! cmp -s scripts/validators.txt target/venv/.folio-validators; then
  step "pip install -r scripts/validators.txt (target/venv)"
  python3 -m venv target/venv
  target/venv/bin/pip install --quiet --disable-pip-version-check -r scripts/validators.txt
  cp scripts/validators.txt target/venv/.folio-validators
fi

# npm packages (binaryen's wasm-opt, playwright-core), exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.folio-lock; then
  step "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.folio-lock
fi

if ! wasm-opt --version >/dev/null 2>&1 || [ "$(command -v wasm-opt)" != "$PWD/node_modules/.bin/wasm-opt" ]; then
  echo "setup: the wasm-opt first on PATH is not binaryen from npm: $(command -v wasm-opt || echo none)" >&2
  exit 1
fi
