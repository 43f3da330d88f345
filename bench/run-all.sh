#!/usr/bin/env bash
# Runs every benchmark in turn on a quiet machine and keeps each one's
# printed table in bench/out/<name>.md. Needs `npm run build` and
# `bash bench/setup.sh` first. The 2.4 GB streaming export is left out
# (run `node bench/export-stream.mjs` by itself: it takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
for script in vocab topk tsv tokenize dream dream-jobs layout export-wink; do
  echo "== $script"
  node "bench/$script.mjs" | tee "bench/out/$script.md"
done
