/** Exact powers of ten representable as doubles: 1e0 ... 1e22. */
export const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Bytes of `"0."`, `"e"`, `"-"`, `"+"` and `"0"`. */
const ZERO = 0x30;
const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;
const LETTER_E = 0x65;

/** Maximum bytes {@link writeFloat32} writes for one value. */
export const MAX_FLOAT_BYTES = 24;

/**
 * Formats `value`, taken as its float32 value, rounded to `digits`
 * significant digits, as the shortest text that parses back to that
 * rounded number. Trailing zeros are dropped. Magnitudes from 1e-6 up to
 * 1e21 use plain notation and others an exponent (`1e-7`, `3.40282e+38`),
 * as JavaScript's `String(number)` does. Negative zero is written `0`.
 * Throws a RangeError on NaN, an infinity, a value beyond the float32 range
 * or `digits` outside 1..9.
 */
export function formatFloat(value: number, digits = 6): string {
  checkDigits(digits, "formatFloat");
  const single = Math.fround(value);
  if (!Number.isFinite(single)) {
    throw new RangeError(
      `formatFloat: received ${value}; expected a finite number within the float32 range (about ±3.4e38). Replace or drop non-finite values before formatting.`,
    );
  }
  return String(Number(single.toPrecision(digits)));
}

/**
 * Checks that `digits` is a whole number from 1 to 9 (a float32 needs at
 * most 9 significant digits to round-trip) and throws a RangeError naming
 * `operation` otherwise.
 */
export function checkDigits(digits: number, operation: string): void {
  if (!Number.isInteger(digits) || digits < 1 || digits > 9) {
    throw new RangeError(
      `${operation}: received digits ${digits}; expected a whole number from 1 to 9 (9 keeps every float32 exact). Pass a value in that range.`,
    );
  }
}

/** 10^k for k = -45 ... 39 (nearest doubles), to find decimal exponents. */
const EXPONENT_BIAS = 45;
export const DECADES = Float64Array.from(
  { length: 85 },
  (_, i) => +`1e${i - EXPONENT_BIAS}`,
);

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * Writes the text {@link formatFloat} gives for `value` into `out` at
 * `pos` as ASCII and returns the position after it. `value` must be a
 * finite float32 value (a Float32Array element) and `digits` 1..9; the
 * caller checks both. Needs at most {@link MAX_FLOAT_BYTES} bytes.
 */
export function writeFloat32(
  out: Uint8Array,
  pos: number,
  value: number,
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
  scratch[0] = value;
  const binary = (scratchBits[0]! >>> 23) - 127;
  // floor(binary * log10(2)), then one comparison settles the decade.
  let exponent = (binary * 1233) >> 12;
  if (value >= DECADES[exponent + 1 + EXPONENT_BIAS]!) exponent++;
  const scale = digits - 1 - exponent;
  if (binary > -127 && scale <= 22 && scale >= -22) {
    const scaled = scale >= 0 ? value * POW10[scale]! : value / POW10[-scale]!;
    const floor = scaled | 0;
    const fraction = scaled - floor;
    // The scaled double is within 2^-23 of the exact product: a fraction
    // this close to one half may be a tie, which the slow path settles.
    if (fraction < 0.499999 || fraction > 0.500001) {
      const mantissa = fraction > 0.5 ? floor + 1 : floor;
      if (mantissa < POW10[digits]!) {
        return writeDecimal(out, pos, mantissa, digits, exponent);
      }
      return writeDecimal(out, pos, mantissa / 10, digits, exponent + 1);
    }
  }
  return writeAscii(out, pos, formatFloat(value, digits));
}

/**
 * Writes `mantissa` (exactly `count` digits) times 10^(exponent - count
 * + 1) the way `String(number)` does, dropping trailing zeros.
 */
function writeDecimal(
  out: Uint8Array,
  pos: number,
  mantissa: number,
  count: number,
  exponent: number,
): number {
  // Integer (int32) arithmetic throughout: a double modulo is far slower.
  mantissa |= 0;
  for (;;) {
    const quotient = (mantissa / 10) | 0;
    if (mantissa !== quotient * 10) break;
    mantissa = quotient;
    count--;
  }
  const point = exponent + 1;
  if (point >= count && point <= 21) {
    pos = writeDigits(out, pos, mantissa, count, 0);
    for (let i = count; i < point; i++) out[pos++] = ZERO;
    return pos;
  }
  if (point > 0 && point <= 21) {
    return writeDigits(out, pos, mantissa, count, point);
  }
  if (point > -6 && point <= 0) {
    out[pos++] = ZERO;
    out[pos++] = DOT;
    for (let i = point; i < 0; i++) out[pos++] = ZERO;
    return writeDigits(out, pos, mantissa, count, 0);
  }
  pos = writeDigits(out, pos, mantissa, count, count > 1 ? 1 : 0);
  out[pos++] = LETTER_E;
  out[pos++] = exponent < 0 ? MINUS : PLUS;
  return writeDigits(
    out,
    pos,
    Math.abs(exponent),
    exponent <= -10 || exponent >= 10 ? 2 : 1,
    0,
  );
}

/**
 * Writes the `count` decimal digits of `integer`, with a decimal point
 * after the first `pointAfter` digits when `pointAfter` is 1..count-1.
 */
function writeDigits(
  out: Uint8Array,
  pos: number,
  integer: number,
  count: number,
  pointAfter: number,
): number {
  const withPoint = pointAfter > 0 && pointAfter < count;
  const end = pos + count + (withPoint ? 1 : 0);
  let at = end;
  integer |= 0;
  for (let i = count - 1; i >= 0; i--) {
    if (withPoint && i === pointAfter - 1) out[--at] = DOT;
    const quotient = (integer / 10) | 0;
    out[--at] = ZERO + integer - quotient * 10;
    integer = quotient;
  }
  return end;
}

/** Writes an ASCII string byte by byte and returns the end position. */
function writeAscii(out: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}
