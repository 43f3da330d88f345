"""Anchors for the vocabulary and nearest-word benchmarks.

usage: vocab_topk.py load CACHE RUNS
       vocab_topk.py topk CACHE QUERIES K RUNS

CACHE is a textdream vocabulary cache (64-byte header, float32 matrix, words
separated by newlines, then the rows of non-ASCII words); QUERIES is a raw float32 file of n x 100 numbers.
Prints one JSON object on its last line.
"""
import json
import statistics
import struct
import sys
import time

import numpy as np


def read_header(path):
    with open(path, "rb") as handle:
        header = handle.read(64)
    rows, dim, word_bytes = struct.unpack_from("<III", header, 16)
    return rows, dim, word_bytes


def load(path):
    rows, dim, word_bytes = read_header(path)
    matrix = np.fromfile(path, dtype="<f4", count=rows * dim, offset=64)
    with open(path, "rb") as handle:
        handle.seek(64 + rows * dim * 4)
        words = handle.read(word_bytes).decode("utf-8").split("\n")
    return matrix.reshape(rows, dim), words


def timed(fn, runs):
    fn()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def numpy_topk(normalised, queries, k):
    scores = queries @ normalised.T
    part = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.take_along_axis(scores, part, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(part, order, axis=1)


def torch_topk(k, normalised, queries):
    try:
        import torch
    except ImportError:
        return None
    matrix = torch.from_numpy(normalised)
    batch = torch.from_numpy(queries)
    return lambda: torch.topk(batch @ matrix.T, k, dim=1).indices


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "load":
        runs = int(sys.argv[3])
        rows, dim, _ = read_header(path)
        fromfile = timed(
            lambda: np.fromfile(path, dtype="<f4", count=rows * dim, offset=64),
            runs,
        )
        full = timed(lambda: load(path), runs)
        print(json.dumps({"fromfile": fromfile, "load": full}))
        return
    queries_path, k, runs = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    matrix, _ = load(path)
    queries = np.fromfile(queries_path, dtype="<f4").reshape(-1, matrix.shape[1])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalised = (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)
    unit = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(
        np.float32
    )
    result = {
        "numpy": timed(lambda: numpy_topk(normalised, unit, k), runs),
        "sets": [sorted(map(int, row)) for row in numpy_topk(normalised, unit, k)],
    }
    search = torch_topk(k, normalised, unit)
    if search is not None:
        result["torch"] = timed(search, runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
