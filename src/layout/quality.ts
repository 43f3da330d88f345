import type { PointMatrix } from "./matrix.js";
import { indexedNeighbors } from "./neighbor-search.js";

/**
 * Returns the share of each point's `k` nearest input neighbours that stay
 * among its `k` nearest neighbours in the layout, averaged over points
 * (1 means every neighbourhood survived). Both sides exclude the point
 * itself; the layout side is Euclidean.
 */
export async function neighborhoodPreservation(
  input: PointMatrix,
  layout: Float64Array,
  options: { k?: number; metric?: "cosine" | "euclidean" } = {},
): Promise<number> {
  const k = Math.min(options.k ?? 15, input.rows - 1);
  if (k < 1) return 1;
  const before = await indexedNeighbors(input, k, options.metric ?? "cosine");
  const flat: PointMatrix = {
    rows: input.rows,
    dim: 2,
    values: Float32Array.from(layout),
  };
  const after = await indexedNeighbors(flat, k, "euclidean");
  let preserved = 0;
  for (let row = 0; row < input.rows; row++) {
    const near = new Set(after.indices.subarray(row * k, row * k + k));
    for (let j = 0; j < k; j++) {
      if (near.has(before.indices[row * k + j])) preserved++;
    }
  }
  return preserved / (input.rows * k);
}
