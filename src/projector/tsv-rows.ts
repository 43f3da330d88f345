import { UsageError } from "../errors.js";
import { MAX_FLOAT_BYTES, writeFloat32 } from "./format-float.js";
import {
  KERNEL_BATCH_VALUES,
  tsvKernel,
  type TsvKernel,
} from "./tsv-kernel.js";

/** Exact powers of ten representable as doubles: 1e0 ... 1e22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** 10^k for k = -45 ... 39 (nearest doubles), to find decimal exponents. */
const EXPONENT_BIAS = 45;
const DECADES = Float64Array.from(
  { length: 85 },
  (_, i) => +`1e${i - EXPONENT_BIAS}`,
);

const ZERO = 0x30;
const DOT = 0x2e;
const MINUS = 0x2d;
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
    const bits = new Uint32Array(batch.buffer, batch.byteOffset, batch.length);
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
      pos = writePlain(output, pos, value, (bits[i]! >>> 23) & 0xff, digits);
      output[pos++] = (start + i + 1) % dim === 0 ? LF : TAB;
    }
    out.set(output.subarray(0, pos), written);
    written += pos;
  }
  return written;
}

/** {@link formatRows} in JavaScript alone. */
export function formatRowsInScript(
  values: Float32Array,
  dim: number,
  digits: number,
  firstRow: number,
  out: Uint8Array,
): number {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let pos = 0;
  let column = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value - value !== 0) {
      throw nonFiniteError(value, firstRow + (i - column) / dim, column);
    }
    pos = writePlain(out, pos, value, (bits[i]! >>> 23) & 0xff, digits);
    if (++column === dim) {
      out[pos++] = LF;
      column = 0;
    } else {
      out[pos++] = TAB;
    }
  }
  return pos;
}

/**
 * Writes the finite float32 `value`, whose biased binary exponent is
 * `field`, as formatFloat does. Magnitudes from
 * 1e-6 up to 10^digits, the plain-notation range and nearly every
 * embedding value, are written here; the rest go through writeFloat32.
 */
function writePlain(
  out: Uint8Array,
  pos: number,
  value: number,
  field: number,
  digits: number,
): number {
  if (value === 0) {
    out[pos] = ZERO;
    return pos + 1;
  }
  if (value < 0) {
    out[pos++] = MINUS;
    value = -value;
  }
  let exponent = ((field - 127) * 1233) >> 12;
  if (value >= DECADES[exponent + 1 + EXPONENT_BIAS]!) exponent++;
  if (field === 0 || exponent < -6 || exponent >= digits) {
    return writeFloat32(out, pos, value, digits);
  }
  const scaled = value * POW10[digits - 1 - exponent]!;
  const floor = scaled | 0;
  const fraction = scaled - floor;
  // Within 2^-23 of one half the double may hide a decimal tie.
  if (fraction > 0.499999 && fraction < 0.500001) {
    return writeFloat32(out, pos, value, digits);
  }

  let mantissa = fraction > 0.5 ? floor + 1 : floor;
  let count = digits;
  if (mantissa >= POW10[digits]!) {
    mantissa = (mantissa / 10) | 0;
    exponent++;
    if (exponent >= digits) return writeFloat32(out, pos, value, digits);
  }
  for (;;) {
    const quotient = (mantissa / 10) | 0;
    if (mantissa !== quotient * 10) break;
    mantissa = quotient;
    count--;
  }

  if (exponent < 0) {
    out[pos++] = ZERO;
    out[pos++] = DOT;
    for (let k = -1; k > exponent; k--) out[pos++] = ZERO;
    return writeDigitsAt(out, pos, mantissa, count, 0);
  }
  const whole = exponent + 1;
  if (count <= whole) {
    writeDigitsAt(out, pos, mantissa, count, 0);
    for (let k = count; k < whole; k++) out[pos + k] = ZERO;
    return pos + whole;
  }
  return writeDigitsAt(out, pos, mantissa, count, whole);
}

/**
 * Writes the `count` digits of `integer` at `pos`, with a decimal point
 * after the first `pointAfter` digits when that is 1..count-1, and returns
 * the end position.
 */
function writeDigitsAt(
  out: Uint8Array,
  pos: number,
  integer: number,
  count: number,
  pointAfter: number,
): number {
  const withPoint = pointAfter > 0;
  const end = pos + count + (withPoint ? 1 : 0);
  let at = end;
  for (let k = count - 1; k >= 0; k--) {
    if (withPoint && k === pointAfter - 1) out[--at] = DOT;
    const quotient = (integer / 10) | 0;
    out[--at] = ZERO + integer - quotient * 10;
    integer = quotient;
  }
  return end;
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
