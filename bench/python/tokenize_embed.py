"""Anchors for the tokenizer benchmark.

usage: tokenize_embed.py TEXTS WORDS MATRIX RUNS

TEXTS is a JSON array of strings, WORDS the vocabulary one word a line and
MATRIX its raw little-endian float32 rows. Times a regular-expression tokenizer with the
same core rules as textdream's (lowercase, <br> tags removed, punctuation
split, contractions split), gensim's simple_preprocess, and the mean of
word vectors per text with a dict lookup and numpy. Prints one JSON object
on its last line.
"""
import json
import re
import statistics
import sys
import time

import numpy as np

BREAK = re.compile(r"<br\s*/?\s*>", re.IGNORECASE)
TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|\S")
SUFFIX = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")
PIECES = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have",
          "'m": "am", "'d": "would"}


def timed(fn, runs):
    fn()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def tokenize(text):
    tokens = []
    for word in TOKEN.findall(BREAK.sub(" ", text).lower()):
        match = SUFFIX.match(word)
        if match:
            tokens.extend(match.groups())
        else:
            tokens.append(word)
    return tokens


def embed_all(texts, matrix, index):
    vectors = []
    for text in texts:
        rows = []
        for token in tokenize(text):
            row = index.get(PIECES.get(token, token))
            if row is not None:
                rows.append(row)
        vectors.append(matrix[rows].mean(axis=0))
    return vectors


def main():
    texts_path, words_path, matrix_path = sys.argv[1:4]
    runs = int(sys.argv[4])
    with open(texts_path, encoding="utf-8") as handle:
        texts = json.load(handle)
    with open(words_path, encoding="utf-8") as handle:
        words = handle.read().split("\n")
    matrix = np.fromfile(matrix_path, dtype="<f4").reshape(len(words), -1)
    index = {word: i for i, word in enumerate(words)}
    result = {
        "regex": timed(lambda: [tokenize(t) for t in texts], runs),
        "embed": timed(lambda: embed_all(texts, matrix, index), runs),
    }
    try:
        from gensim.utils import simple_preprocess
        result["gensim"] = timed(
            lambda: [simple_preprocess(t) for t in texts], runs)
    except ImportError:
        result["gensim"] = None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
