import type { PointMatrix } from "./matrix.js";

/** Distance used between input points. */
export type LayoutMetric = "cosine" | "euclidean";

/** The `k` nearest other points of every point, nearest first. */
export interface NeighborTable {
  /** Neighbours per point. */
  k: number;
  /** `rows * k` row indices. */
  indices: Int32Array;
  /** `rows * k` distances: `1 - cosine` or Euclidean, as umap-learn uses. */
  distances: Float64Array;
}

/**
 * Finds the exact `k` nearest other points of every point by brute force,
 * ties broken by the lower row index so the table is deterministic.
 */
export async function exactNeighbors(
  matrix: PointMatrix,
  k: number,
  metric: LayoutMetric,
): Promise<NeighborTable> {
  const { rows } = matrix;
  const prepared = prepare(matrix, metric);
  const indices = new Int32Array(rows * k);
  const distances = new Float64Array(rows * k);
  const bestIndex = new Int32Array(k);
  const bestValue = new Float64Array(k);
  for (let row = 0; row < rows; row++) {
    bestIndex.fill(-1);
    bestValue.fill(Infinity);
    for (let other = 0; other < rows; other++) {
      if (other === row) continue;
      insert(bestIndex, bestValue, other, prepared.distance(row, other));
    }
    indices.set(bestIndex, row * k);
    for (let j = 0; j < k; j++) {
      distances[row * k + j] = prepared.finish(bestValue[j]);
    }
  }
  return { k, indices, distances };
}

function insert(
  bestIndex: Int32Array,
  bestValue: Float64Array,
  index: number,
  value: number,
): void {
  const last = bestValue.length - 1;
  if (!(value < bestValue[last])) return;
  let position = last;
  while (position > 0 && bestValue[position - 1] > value) {
    bestValue[position] = bestValue[position - 1];
    bestIndex[position] = bestIndex[position - 1];
    position--;
  }
  bestValue[position] = value;
  bestIndex[position] = index;
}

interface PreparedMetric {
  /** A monotone stand-in for the distance, cheap to compare. */
  distance(a: number, b: number): number;
  /** Turns the stand-in into the real distance. */
  finish(value: number): number;
}

function prepare(matrix: PointMatrix, metric: LayoutMetric): PreparedMetric {
  const { rows, dim, values } = matrix;
  const norms = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let j = row * dim; j < row * dim + dim; j++) sum += values[j] ** 2;
    norms[row] = sum;
  }
  const dot = (a: number, b: number): number => {
    let sum = 0;
    const offsetA = a * dim;
    const offsetB = b * dim;
    for (let j = 0; j < dim; j++)
      sum += values[offsetA + j] * values[offsetB + j];
    return sum;
  };
  if (metric === "euclidean") {
    return {
      distance: (a, b) => Math.max(0, norms[a] + norms[b] - 2 * dot(a, b)),
      finish: (value) => Math.sqrt(value),
    };
  }
  const lengths = norms.map(Math.sqrt);
  return {
    distance: (a, b) => {
      const scale = lengths[a] * lengths[b];
      return scale === 0 ? 1 : 1 - dot(a, b) / scale;
    },
    finish: (value) => Math.max(0, value),
  };
}
