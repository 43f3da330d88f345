"""Lays out a float32 matrix with umap-learn, the reference the textdream
layout is compared with. Usage:

    layout_umap.py MATRIX ROWS DIM OUT RUNS NEIGHBORS MIN_DIST METRIC SEED

Reads ROWS x DIM little-endian float32 numbers from MATRIX and fits
umap-learn once untimed, so numba's compilation is not timed. Then it runs
RUNS timed fits, writes the last embedding to OUT as float64 and prints one
JSON line with the sorted wall and CPU timings in seconds.
"""

import json
import sys
import time

import numpy as np
import umap


def main():
    path, rows, dim, out, runs, neighbors, min_dist, metric, seed = sys.argv[1:]
    data = np.fromfile(path, dtype="<f4").reshape(int(rows), int(dim))
    settings = dict(
        n_neighbors=int(neighbors),
        min_dist=float(min_dist),
        metric=metric,
        n_components=2,
    )
    if seed != "none":
        settings["random_state"] = int(seed)
    umap.UMAP(**settings).fit_transform(data)
    seconds = []
    cpu_seconds = []
    embedding = None
    for _ in range(int(runs)):
        start = time.perf_counter()
        cpu_start = time.process_time()
        embedding = umap.UMAP(**settings).fit_transform(data)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    np.asarray(embedding, dtype="<f8").tofile(out)
    print(json.dumps({"seconds": sorted(seconds), "cpu": sorted(cpu_seconds)}))


if __name__ == "__main__":
    main()
