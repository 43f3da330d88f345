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
 * Checks that `matrix` has the size it claims and only finite numbers, and
 * throws a UsageError naming the first row (0-based) that holds NaN or
 * Infinity: a layout of such a row would look normal and mean nothing.
 */
export function assertFiniteMatrix(matrix: PointMatrix, what: string): void {
  const { rows, dim, values } = matrix;
  if (values.length !== rows * dim) {
    throw new UsageError(
      `${what}: the matrix holds ${values.length} numbers but ${rows} rows of dimension ${dim} need ${rows * dim}; pass values of length rows * dim.`,
    );
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) {
      const row = Math.floor(index / dim);
      const column = index % dim;
      throw new UsageError(
        `${what}: row ${row} (0-based) holds ${values[index]} in column ${column}; every coordinate must be a finite number. Fix or remove that row.`,
      );
    }
  }
}
