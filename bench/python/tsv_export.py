"""Anchors for the vectors TSV benchmark.

usage: tsv_export.py MATRIX WORDS ROWS DIM OUTDIR RUNS

MATRIX is a raw little-endian float32 file of ROWS x DIM numbers; WORDS has
one word per line. Times numpy.savetxt with '%.6g' and the writing loop of
gensim's word2vec2tensor (tensor and metadata files) on a KeyedVectors built
from the same matrix. Prints one JSON object on its last line.
"""
import json
import os
import statistics
import sys
import time

import numpy as np


def timed(fn, runs):
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def savetxt(matrix, path):
    np.savetxt(path, matrix, fmt="%.6g", delimiter="\t")


def gensim_loop(model, prefix):
    # The loop of gensim.scripts.word2vec2tensor.word2vec2tensor, after
    # its load_word2vec_format step.
    from gensim import utils

    with utils.open(prefix + "_tensor.tsv", "wb") as vectors, utils.open(
        prefix + "_metadata.tsv", "wb"
    ) as metadata:
        for word in model.index_to_key:
            metadata.write(utils.to_utf8(word) + utils.to_utf8("\n"))
            row = "\t".join(str(x) for x in model[word])
            vectors.write(utils.to_utf8(row) + utils.to_utf8("\n"))


def main():
    matrix_path, words_path, rows, dim, outdir, runs = sys.argv[1:7]
    rows, dim, runs = int(rows), int(dim), int(runs)
    matrix = np.fromfile(matrix_path, dtype="<f4").reshape(rows, dim)
    with open(words_path, encoding="utf-8") as handle:
        words = handle.read().split("\n")[:rows]
    result = {"savetxt": timed(lambda: savetxt(matrix, os.path.join(outdir, "np.tsv")), runs)}
    result["savetxt_bytes"] = os.path.getsize(os.path.join(outdir, "np.tsv"))
    try:
        from gensim.models import KeyedVectors

        model = KeyedVectors(dim)
        model.add_vectors(words, matrix)
        prefix = os.path.join(outdir, "gensim")
        result["gensim"] = timed(lambda: gensim_loop(model, prefix), runs)
        result["gensim_bytes"] = os.path.getsize(prefix + "_tensor.tsv")
    except ImportError:
        result["gensim"] = None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
