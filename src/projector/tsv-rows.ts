import { UsageError } from "../errors.js";
import { MAX_FLOAT_BYTES, writeFloat32 } from "./format-float.js";
import {
  KERNEL_BATCH_VALUES,
  tsvKernel,
  type TsvKernel,
} from "./tsv-kernel.js";

const TAB = 0x09;
const LF = 0x0a;

/** Bytes one row of `dim` numbers can take at most, tabs and LF included. */
export function maxRowBytes(dim: number): number {
  return dim * (MAX_FLOAT_BYTES + 1);
}

/**
 * Formats the rows in `values` (k x `dim`, row-major) as TSV lines into
 * `out` from position 0 and returns the end position. Each number is the
 * text formatFloat gives. `out` needs `maxRowBytes(dim)` bytes per row.
 * `firstRow` is the 0-based file row of the first row, for the error a NaN
 * or infinite value raises. Uses the WebAssembly kernel when it loads, and
 * JavaScript otherwise; both write the same bytes.
 */
export function formatRows(
  values: Float32Array,
  dim: number,
  digits: number,
  firstRow: number,
  out: Uint8Array,
): number {
  const kernel = tsvKernel();
  return kernel
    ? formatRowsWithKernel(kernel, values, dim, digits, firstRow, out)
    : formatRowsInScript(values, dim, digits, firstRow, out);
}

/** {@link formatRows} on the WebAssembly kernel, in batches. */
function formatRowsWithKernel(
  kernel: TsvKernel,
  values: Float32Array,
  dim: number,
  digits: number,
  firstRow: number,
  out: Uint8Array,
): number {
  const { output } = kernel;
  let written = 0;
  for (let start = 0; start < values.length; start += KERNEL_BATCH_VALUES) {
    const batch = values.subarray(start, start + KERNEL_BATCH_VALUES);
    kernel.values.set(batch);
    let pos = 0;
    for (let i = 0; ; i++) {
      const column = (start + i) % dim;
      i = kernel.formatFrom(i, batch.length, dim, column, digits, pos);
      pos = kernel.outputPosition();
      if (i >= batch.length) break;
      // The kernel stopped at a value it leaves to the script writer.
      const value = batch[i]!;
      if (value - value !== 0) {
        const index = start + i;
        throw nonFiniteError(
          value,
          firstRow + (index - (index % dim)) / dim,
          index % dim,
        );
      }
      pos = writeFloat32(output, pos, value, digits);
      output[pos++] = (start + i + 1) % dim === 0 ? LF : TAB;
    }
    out.set(output.subarray(0, pos), written);
    written += pos;
  }
  return written;
}

/**
 * {@link formatRows} in JavaScript alone, for when the kernel does not
 * load; several times slower.
 */
export function formatRowsInScript(
  values: Float32Array,
  dim: number,
  digits: number,
  firstRow: number,
  out: Uint8Array,
): number {
  let pos = 0;
  let column = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value - value !== 0) {
      throw nonFiniteError(value, firstRow + (i - column) / dim, column);
    }
    pos = writeFloat32(out, pos, value, digits);
    if (++column === dim) {
      out[pos++] = LF;
      column = 0;
    } else {
      out[pos++] = TAB;
    }
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
