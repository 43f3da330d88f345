import type { PointMatrix } from "./matrix.js";
import { assertFiniteMatrix } from "./matrix.js";

const ITERATIONS = 200;

/**
 * Projects the points onto their first two principal components and returns
 * 2 numbers per point. Components come from power iteration on the
 * covariance matrix with a fixed start vector, and each is signed so that
 * its largest loading is positive, so the result is deterministic.
 */
export function pcaLayout(matrix: PointMatrix): Float64Array {
  assertFiniteMatrix(matrix, "pca layout");
  const { rows, dim, values } = matrix;
  const output = new Float64Array(rows * 2);
  if (rows < 2) return output;
  const mean = columnMeans(matrix);
  const covariance = covarianceOf(matrix, mean);
  const first = powerIteration(covariance, dim, []);
  const second = powerIteration(covariance, dim, [first]);
  for (let row = 0; row < rows; row++) {
    let x = 0;
    let y = 0;
    for (let j = 0; j < dim; j++) {
      const centred = values[row * dim + j] - mean[j];
      x += centred * first[j];
      y += centred * second[j];
    }
    output[2 * row] = x;
    output[2 * row + 1] = y;
  }
  return output;
}

function columnMeans({ rows, dim, values }: PointMatrix): Float64Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < rows * dim; i++) mean[i % dim] += values[i];
  return mean.map((sum) => sum / rows);
}

function covarianceOf(matrix: PointMatrix, mean: Float64Array): Float64Array {
  const { rows, dim, values } = matrix;
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < dim; j++) centred[j] = values[row * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const scaled = centred[a];
      if (scaled === 0) continue;
      for (let b = a; b < dim; b++)
        covariance[a * dim + b] += scaled * centred[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < a; b++)
      covariance[a * dim + b] = covariance[b * dim + a];
  }
  return covariance;
}

function powerIteration(
  covariance: Float64Array,
  dim: number,
  previous: Float64Array[],
): Float64Array {
  let vector = Float64Array.from({ length: dim }, (_, i) => 1 + i / dim);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (const done of previous) removeComponent(vector, done);
    const next = new Float64Array(dim);
    for (let a = 0; a < dim; a++) {
      let sum = 0;
      for (let b = 0; b < dim; b++) sum += covariance[a * dim + b] * vector[b];
      next[a] = sum;
    }
    const length = Math.hypot(...next);
    if (length === 0) return unitAxis(dim, previous.length);
    vector = next.map((value) => value / length);
  }
  for (const done of previous) removeComponent(vector, done);
  return signed(vector);
}

function removeComponent(vector: Float64Array, axis: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += vector[i] * axis[i];
  for (let i = 0; i < vector.length; i++) vector[i] -= dot * axis[i];
}

function unitAxis(dim: number, index: number): Float64Array {
  const axis = new Float64Array(dim);
  axis[Math.min(index, dim - 1)] = 1;
  return axis;
}

function signed(vector: Float64Array): Float64Array {
  let largest = 0;
  for (const value of vector) {
    if (Math.abs(value) > Math.abs(largest)) largest = value;
  }
  return largest < 0 ? vector.map((value) => -value) : vector;
}
