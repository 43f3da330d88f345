import { UsageError } from "../errors.js";
import { MAX_FLOAT_BYTES, writeFloat32 } from "./format-float.js";

/** Bytes one row of `dim` numbers can take at most, tabs and LF included. */
export function maxRowBytes(dim: number): number {
  return dim * (MAX_FLOAT_BYTES + 1);
}

/**
 * Formats the rows in `values` (k x `dim`, row-major) as TSV lines into
 * `out` from position 0 and returns the end position. `out` needs
 * `maxRowBytes(dim)` bytes per row. `firstRow` is the 0-based file row of
 * the first row, for the error a NaN or infinite value raises.
 */
export function formatRows(
  values: Float32Array,
  dim: number,
  digits: number,
  firstRow: number,
  out: Uint8Array,
): number {
  let pos = 0;
  const rows = values.length / dim;
  for (let r = 0, start = 0; r < rows; r++) {
    for (let c = 0; c < dim; c++) {
      const value = values[start + c]!;
      if (value - value !== 0) throw nonFiniteError(value, firstRow + r, c);
      pos = writeFloat32(out, pos, value, digits);
      out[pos++] = 0x09;
    }
    out[pos - 1] = 0x0a;
    start += dim;
  }
  return pos;
}

/** Builds the error for a NaN or infinite value at `row`, `column`. */
export function nonFiniteError(
  value: number,
  row: number,
  column: number,
): UsageError {
  return new UsageError(
    `writing vectors: row ${row} (0-based), column ${column} is ${value}; expected a finite number, because the projector cannot show NaN or infinite coordinates. Fix or drop that row before writing.`,
  );
}
