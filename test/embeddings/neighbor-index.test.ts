import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  createNeighborIndex,
  loadVocabulary,
} from "../../src/embeddings/index.js";
import type {
  Metric,
  NeighborIndex,
  WordVectors,
} from "../../src/embeddings/index.js";
import { nativeKernel } from "../../src/embeddings/native-kernel.js";
import { UsageError } from "../../src/errors.js";

/** Returns a seeded generator of floats in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the rows of the `k` nearest rows by a float64 brute force scan. */
function bruteForce(
  matrix: Float32Array,
  dim: number,
  query: Float32Array,
  k: number,
  metric: Metric,
): number[] {
  const rows = matrix.length / dim;
  const scores = new Float64Array(rows);
  let queryNorm = 0;
  for (let d = 0; d < dim; d++) queryNorm += query[d]! * query[d]!;
  for (let row = 0; row < rows; row++) {
    let dot = 0;
    let norm = 0;
    let squared = 0;
    for (let d = 0; d < dim; d++) {
      const value = matrix[row * dim + d]!;
      dot += value * query[d]!;
      norm += value * value;
      squared += (value - query[d]!) ** 2;
    }
    scores[row] =
      metric === "cosine"
        ? -dot / Math.sqrt(norm * queryNorm)
        : Math.sqrt(squared);
  }
  const order = Array.from({ length: rows }, (_, row) => row);
  order.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return order.slice(0, k);
}

/** Builds `count` queries: vocabulary rows plus seeded noise. */
function noisyQueries(vectors: WordVectors, count: number): Float32Array {
  const next = random(7);
  const queries = new Float32Array(count * vectors.dim);
  for (let i = 0; i < count; i++) {
    const row = Math.floor(next() * vectors.words.length);
    for (let d = 0; d < vectors.dim; d++) {
      queries[i * vectors.dim + d] =
        vectors.matrix[row * vectors.dim + d]! + (next() - 0.5) * 0.4;
    }
  }
  return queries;
}

describe("createNeighborIndex on GloVe", () => {
  let vectors: WordVectors;
  const opened: NeighborIndex[] = [];
  const open = (...args: Parameters<typeof createNeighborIndex>) => {
    const index = createNeighborIndex(...args);
    opened.push(index);
    return index;
  };

  // Brute force references, shared by the kernels: "metric:rows" -> rows.
  const references = new Map<string, number[][]>();
  const reference = (queries: Float32Array, rows: number, metric: Metric) => {
    const key = `${metric}:${rows}`;
    if (!references.has(key)) {
      const matrix = vectors.matrix.subarray(0, rows * 100);
      const expected = Array.from({ length: queries.length / 100 }, (_, q) =>
        bruteForce(
          matrix,
          100,
          queries.subarray(q * 100, q * 100 + 100),
          10,
          metric,
        ),
      );
      references.set(key, expected);
    }
    return references.get(key)!;
  };

  beforeAll(async () => {
    vectors = await loadVocabulary();
  });
  afterAll(async () => {
    await Promise.all(opened.map((index) => index.close()));
  });

  it.each([
    ["cosine", "native"],
    ["euclidean", "native"],
    ["cosine", "wasm"],
    ["euclidean", "wasm"],
    ["cosine", "js"],
    ["euclidean", "js"],
  ] as const)("matches float64 brute force, %s %s", async (metric, kernel) => {
    // The native kernel exists only where a C++ compiler built it.
    if (kernel === "native" && !nativeKernel()) return;
    const queries = noisyQueries(vectors, 6);
    // The plain JavaScript kernel takes seconds over all rows.
    const limit = kernel === "js" ? 60_000 : undefined;
    const index = open(vectors, { metric, kernel, limit });
    expect(index.kernel).toBe(kernel);
    const results = await index.search(queries, 10);
    const expected = reference(queries, index.rows, metric);
    for (let q = 0; q < 6; q++) {
      expect(results[q]!.map((n) => n.index)).toEqual(expected[q]);
    }
  });

  it("finds 101 queries on two threads", async () => {
    const queries = noisyQueries(vectors, 101);
    const native = open(vectors, { threads: 2 });
    const wasm = open(vectors, { threads: 2, kernel: "wasm" });
    const results = await native.search(queries, 10);
    expect(results).toHaveLength(101);
    // The wasm kernel scores half of the rows on its worker thread.
    expect(await wasm.search(queries, 10)).toEqual(results);
    const query = queries.subarray(100 * 100, 101 * 100);
    expect(results[100]!.map((n) => n.index)).toEqual(
      bruteForce(vectors.matrix, 100, query, 10, "cosine"),
    );
  });

  it("returns the nearest words of hate", async () => {
    const index = open(vectors, { limit: 50_000 });
    const [nearest] = await index.search(vectors.vectorOf("hate")!, 4);
    expect(nearest!.map((n) => n.word)).toEqual([
      "hate",
      "hatred",
      "racist",
      "racism",
    ]);
    expect(nearest![0]!.score).toBeCloseTo(1, 12);
  });
});

/** A search with one invalid argument. */
interface BadSearch {
  k?: number;
  excludeSelf?: boolean;
  queries?: number[];
}

describe("createNeighborIndex on small matrices", () => {
  it.each(["wasm", "js"] as const)(
    "breaks ties by lower row, %s",
    async (kernel) => {
      const matrix = new Float32Array([1, 0, 0, 1, 2, 0, 1, 0, 0, 3]);
      const index = createNeighborIndex({ dim: 2, matrix }, { kernel });
      const [nearest] = await index.search(new Float32Array([5, 0]), 4);
      expect(nearest!.map((n) => n.index)).toEqual([0, 2, 3, 1]);
      expect(nearest![0]).toEqual({ word: "", index: 0, score: 1 });
      await index.close();
    },
  );

  it.each(["wasm", "js"] as const)(
    "excludes each query's own row, %s",
    async (kernel) => {
      const next = random(3);
      const matrix = Float32Array.from({ length: 2 * 50 }, () => next());
      const index = createNeighborIndex(
        { dim: 2, matrix },
        { kernel, metric: "euclidean" },
      );
      const results = await index.search(matrix, 5, { excludeSelf: true });
      results.forEach((neighbors, row) => {
        const expected = bruteForce(
          matrix,
          2,
          matrix.subarray(row * 2, row * 2 + 2),
          6,
          "euclidean",
        );
        expect(neighbors.map((n) => n.index)).toEqual(
          expected.filter((r) => r !== row).slice(0, 5),
        );
      });
      await index.close();
    },
  );

  it("rejects a search after close", async () => {
    const index = createNeighborIndex({ dim: 2, matrix: new Float32Array(6) });
    await index.close();
    await expect(index.search(new Float32Array(2), 1)).rejects.toThrow(
      new UsageError(
        "search neighbors: the index is closed; create a new index with createNeighborIndex.",
      ),
    );
  });

  it("ranks a zero query by row", async () => {
    const matrix = new Float32Array([3, 4, 0, 0, 1, 1]);
    const index = createNeighborIndex({
      words: ["a", "b", "c"],
      dim: 2,
      matrix,
    });
    const [nearest] = await index.search(new Float32Array(2), 3);
    expect(nearest).toEqual([
      { word: "a", index: 0, score: 0 },
      { word: "b", index: 1, score: 0 },
      { word: "c", index: 2, score: 0 },
    ]);
  });

  it.each([
    [
      { k: 0 },
      "search neighbors: k 0 is not a whole number from 1 to 3; pass a k no larger than the rows searched.",
    ],
    [
      { k: 4 },
      "search neighbors: k 4 is not a whole number from 1 to 3; pass a k no larger than the rows searched.",
    ],
    [
      { k: 3, excludeSelf: true },
      "search neighbors: k 3 is not a whole number from 1 to 2; pass a k no larger than the rows searched.",
    ],
    [
      { queries: [1, 2, 3] },
      "search neighbors: 3 query numbers do not split into rows of 2; pass n x 2 numbers with n >= 1.",
    ],
    [
      { queries: [1, NaN] },
      "search neighbors: query 0 has the value NaN at dimension 1; pass finite numbers.",
    ],
  ] as Array<[BadSearch, string]>)("rejects %o", async (bad, message) => {
    const index = createNeighborIndex({ dim: 2, matrix: new Float32Array(6) });
    const queries = new Float32Array(bad.queries ?? [1, 1]);
    await expect(
      index.search(queries, bad.k ?? 1, { excludeSelf: bad.excludeSelf }),
    ).rejects.toThrow(new UsageError(message));
  });

  it.each([
    [
      { dim: 2, matrix: new Float32Array(5) },
      {},
      "createNeighborIndex: a matrix of 5 numbers does not split into rows of 2; pass a whole number of rows and dim >= 1.",
    ],
    [
      { dim: 2, matrix: new Float32Array(6) },
      { limit: 4 },
      "createNeighborIndex: limit 4 is not a whole number from 1 to 3 rows; pass a limit within the matrix.",
    ],
  ])("rejects matrix %#", (vectors, options, message) => {
    expect(() => createNeighborIndex(vectors, options)).toThrow(
      new UsageError(message),
    );
  });
});
