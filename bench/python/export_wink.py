"""Export the wink GloVe JSON to projector TSV files the way a Python user
would: json.load, then numpy.savetxt with %.6g. Prints one JSON line with
the stage timings in seconds.

    python3 export_wink.py <wink.json> <out-dir>
"""
import json
import os
import sys
import time

import numpy as np


def main() -> None:
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    start = time.perf_counter()
    with open(source, encoding="utf-8") as handle:
        data = json.load(handle)
    loaded = time.perf_counter()
    dim = data["dimensions"]
    words = list(data["vectors"].keys())
    matrix = np.array(
        [values[:dim] for values in data["vectors"].values()], dtype=np.float32
    )
    converted = time.perf_counter()
    np.savetxt(os.path.join(out, "vectors.tsv"), matrix, fmt="%.6g", delimiter="\t")
    with open(os.path.join(out, "metadata.tsv"), "w", encoding="utf-8") as handle:
        for word in words:
            handle.write(word.replace("\t", " ").replace("\n", " ") + "\n")
    written = time.perf_counter()
    print(
        json.dumps(
            {
                "rows": len(words),
                "dim": dim,
                "load": loaded - start,
                "convert": converted - loaded,
                "write": written - converted,
                "total": written - start,
            }
        )
    )


if __name__ == "__main__":
    main()
