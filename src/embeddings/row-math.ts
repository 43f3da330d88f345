/** Rows compared by a search, with what the kernels need about them. */
export interface SearchSource {
  /** Row-major matrix; only the first `rows` rows are searched. */
  matrix: Float32Array;
  /** Numbers per row. */
  dim: number;
  /** Rows searched. */
  rows: number;
  /** Similarity measure. */
  metric: "cosine" | "euclidean";
  /** Float64 L2 norm of each searched row. */
  norms: Float64Array;
}

/** Returns the float64 L2 norm of each of the first `rows` rows. */
export function rowNorms(
  matrix: Float32Array,
  dim: number,
  rows: number,
): Float64Array {
  const norms = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    norms[row] = Math.sqrt(dot(matrix, row * dim, matrix, row * dim, dim));
  }
  return norms;
}

/** Returns the float64 dot product of two rows. */
export function dot(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dim: number,
): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) sum += a[aOffset + d]! * b[bOffset + d]!;
  return sum;
}

/** Returns the float64 cosine similarity; 0 when either row is all zeros. */
export function cosine(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dim: number,
  normProduct: number,
): number {
  return normProduct === 0 ? 0 : dot(a, aOffset, b, bOffset, dim) / normProduct;
}

/** Returns the float64 euclidean distance between two rows. */
export function distance(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dim: number,
): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = a[aOffset + d]! - b[bOffset + d]!;
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}
