#!/usr/bin/env bash
# Prints the size of each file of the release build in dist/, raw and gzip -9, and the total a
# first visit transfers (everything but the favicon is fetched at start), then the npm package's
# size: its tarball and unpacked.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-44s %10s %10s\n' file raw gzip
total_raw=0; total_gz=0
for f in dist/*; do
  [ -f "$f" ] || continue
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"

# The npm package (`make package` packs it from this build).
node scripts/package.mjs
