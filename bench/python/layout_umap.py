"""Lays out a float32 matrix with umap-learn, the reference the textdream
layout is compared with. Usage:

    layout_umap.py MATRIX ROWS DIM OUT NEIGHBORS MIN_DIST METRIC SEEDS

Reads ROWS x DIM little-endian float32 numbers from MATRIX and fits
umap-learn once untimed, so numba's compilation is not timed. Then it fits
once per seed in SEEDS (comma-separated; `none` leaves random_state unset,
which lets umap-learn run its epochs on every core), writes each embedding
to OUT-<seed>.f64 as float64 and prints one JSON line with the wall and CPU
seconds of each fit, in the order of SEEDS.
"""

import json
import sys
import time

import numpy as np
import umap


def main():
    path, rows, dim, out, neighbors, min_dist, metric, seeds = sys.argv[1:]
    data = np.fromfile(path, dtype="<f4").reshape(int(rows), int(dim))
    settings = dict(
        n_neighbors=int(neighbors),
        min_dist=float(min_dist),
        metric=metric,
        n_components=2,
    )
    umap.UMAP(**settings, random_state=0).fit_transform(data)
    seconds = []
    cpu_seconds = []
    for seed in seeds.split(","):
        seeded = dict(settings)
        if seed != "none":
            seeded["random_state"] = int(seed)
        start = time.perf_counter()
        cpu_start = time.process_time()
        embedding = umap.UMAP(**seeded).fit_transform(data)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
        np.asarray(embedding, dtype="<f8").tofile(f"{out}-{seed}.f64")
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds}))


if __name__ == "__main__":
    main()
