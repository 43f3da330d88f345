#!/usr/bin/env bash
# Installs the Python tools the benchmarks compare against, from Debian's
# packages, for /usr/bin/python3. The tests never need these.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  python3-numpy python3-torch python3-gensim python3-sklearn umap-learn
/usr/bin/python3 -c 'import numpy, torch, gensim, sklearn, umap; print("python anchors ready")'
