import { UsageError } from "../errors.js";

/** Row-major points to lay out: `rows` vectors of `dim` numbers each. */
export interface PointMatrix {
  /** Number of points. */
  rows: number;
  /** Numbers per point. */
  dim: number;
  /** `rows * dim` numbers, point after point. */
  values: Float32Array;
}

/**
 * Checks that `matrix` has the size it claims and only finite numbers. It
 * throws a UsageError naming the first row (0-based) that contains NaN or
 * Infinity, because umap-js would lay such a row out at a normal-looking
 * place without a word.
 */
export function assertFiniteMatrix(
  matrix: PointMatrix,
  operation: string,
): void {
  const { rows, dim, values } = matrix;
  if (values.length !== rows * dim) {
    throw new UsageError(
      `${operation}: invalid matrix size: ${values.length} numbers, but ${rows} rows of dimension ${dim} need ${rows * dim}. Pass values of length rows * dim.`,
    );
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) {
      const row = Math.floor(index / dim);
      const column = index % dim;
      throw new UsageError(
        `${operation}: invalid value ${values[index]} in row ${row} (0-based), column ${column}; every coordinate must be a finite number. Fix or remove that row.`,
      );
    }
  }
}
