import { createNeighborIndex } from "../embeddings/index.js";
import type { LayoutMetric, NeighborTable } from "./knn.js";
import type { PointMatrix } from "./matrix.js";

/**
 * Finds the exact `k` nearest other points of every point with the
 * project's SIMD neighbour index, and returns UMAP's distances:
 * `1 - cosine` (as umap-learn's cosine metric) or the Euclidean distance.
 */
export async function indexedNeighbors(
  matrix: PointMatrix,
  k: number,
  metric: LayoutMetric,
): Promise<NeighborTable> {
  const index = createNeighborIndex(
    { dim: matrix.dim, matrix: matrix.values },
    { metric },
  );
  try {
    const results = await index.search(matrix.values, k, {
      excludeSelf: true,
    });
    const indices = new Int32Array(matrix.rows * k);
    const distances = new Float64Array(matrix.rows * k);
    results.forEach((row, i) => {
      row.forEach((neighbor, j) => {
        indices[i * k + j] = neighbor.index;
        distances[i * k + j] =
          metric === "cosine"
            ? Math.max(0, 1 - neighbor.score)
            : neighbor.score;
      });
    });
    return { k, indices, distances };
  } finally {
    await index.close();
  }
}
