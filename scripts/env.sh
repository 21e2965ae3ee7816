# Sourced by Folio's scripts: tool versions and PATH. npm's binaryen goes first on PATH, so Trunk
# runs its wasm-opt (Debian's is too old for today's rustc output).
TRUNK_VERSION=0.21.14
WASM_PACK_VERSION=0.15.1
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROME_BIN=/usr/bin/chromium
# Trunk and wasm-pack must not download anything: the tools above are on PATH.
export TRUNK_OFFLINE=true
