"""The dream pipeline in PyTorch and numpy, for the side-by-side benchmark.

Loads the GloVe matrix from textdream's binary cache, the same warm start
textdream has, and the shipped model's weights from models/default. Then
it dreams 100 normalized-gradient steps on the L2 norm of fc2 per
sentence and finds the 10 nearest of the 50,000 most frequent words per
step with numpy. Vectors and metadata are written with numpy.savetxt, and
a JSON line with the time is printed.
"""

import json
import re
import sys
import time

import numpy as np
import torch

HEADER_BYTES = 64


def load_cache(path):
    with open(path, "rb") as handle:
        header = handle.read(HEADER_BYTES)
        rows = int.from_bytes(header[16:20], "little")
        dim = int.from_bytes(header[20:24], "little")
        word_bytes = int.from_bytes(header[24:28], "little")
        matrix = np.fromfile(handle, dtype="<f4", count=rows * dim)
        words = handle.read(word_bytes).decode("utf-8").split("\n")
    return words, matrix.reshape(rows, dim)


def load_model(model_dir):
    with open(f"{model_dir}/model.json") as handle:
        spec = json.load(handle)
    data = np.fromfile(f"{model_dir}/weights.bin", dtype="<f4")
    tensors, offset = {}, 0
    for group in spec["weightsManifest"]:
        for weight in group["weights"]:
            size = int(np.prod(weight["shape"]))
            tensors[weight["name"]] = torch.tensor(
                data[offset : offset + size].reshape(weight["shape"])
            )
            offset += size

    def find(layer, kind):
        for name, tensor in tensors.items():
            if name.startswith(layer + "/") and name.endswith(kind):
                return tensor
        raise KeyError(f"{layer}/{kind}")

    return [(find(n, "kernel"), find(n, "bias")) for n in ("fc1", "fc2", "logits")]


def forward(layers, x):
    (k1, b1), (k2, b2), (k3, b3) = layers
    fc1 = torch.relu(x @ k1 + b1)
    fc2 = torch.relu(fc1 @ k2 + b2)
    return fc2, fc2 @ k3 + b3


def afinn_words(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return re.findall(r"^\s+'?([^:']+)'?: -?\d", text, re.M)


def main():
    cache, model_dir, afinn_path, out_dir = sys.argv[1:5]
    sentences = sys.argv[5:]
    start = time.perf_counter()
    words, matrix = load_cache(cache)
    index = {w: i for i, w in enumerate(words)}
    layers = load_model(model_dir)
    vocab = matrix[:50000]
    unit = vocab / np.linalg.norm(vocab, axis=1, keepdims=True)
    pieces = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am"}
    recorded, labels = [], []
    for text in sentences:
        tokens = re.findall(r"n't|'\w+|\w+|[^\w\s]", text.lower())
        rows = [index[pieces.get(t, t)] for t in tokens if pieces.get(t, t) in index]
        e = torch.tensor(matrix[rows].mean(axis=0), requires_grad=True)
        for step in range(101):
            fc2, logits = forward(layers, e)
            objective = torch.sqrt((fc2**2).sum() + 1e-24)
            recorded.append(e.detach().numpy().copy())
            labels.append(f"{text} [step {step}]")
            if step == 100:
                break
            (grad,) = torch.autograd.grad(objective, e)
            with torch.no_grad():
                e += 0.01 / grad.abs().mean() * grad
    queries = np.stack(recorded)
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    sims = q @ unit.T
    top = np.argpartition(-sims, 10, axis=1)[:, :10]
    neighbors = set(top.ravel().tolist())
    context = set(range(2000)) | {index[w] for w in afinn_words(afinn_path) if w in index and index[w] < 50000}
    word_rows = sorted(neighbors | context)
    points = np.vstack([queries, matrix[word_rows]])
    np.savetxt(f"{out_dir}/vectors.tsv", points, fmt="%.6g", delimiter="\t")
    with open(f"{out_dir}/metadata.tsv", "w", encoding="utf-8") as handle:
        handle.write("label\tkind\n")
        for label in labels:
            handle.write(f"{label}\tstep\n")
        for row in word_rows:
            handle.write(f"{words[row]}\tword\n")
    print(json.dumps({"seconds": time.perf_counter() - start, "points": len(points)}))


if __name__ == "__main__":
    main()
