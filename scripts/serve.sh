#!/usr/bin/env bash
# Builds Folio in release mode and serves it with the bundled demo data on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
echo "Folio: serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release --offline --locked
