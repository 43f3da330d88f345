// WebAssembly kernel that formats float32 rows as projector TSV text,
// compiled by AssemblyScript at build time (`npm run build`).
//
// It writes the values whose text is plain decimal notation and whose
// rounding is settled by double arithmetic, which is nearly every embedding
// value. The arithmetic is that of writeFloat32 in
// src/projector/format-float.ts. At any other value (zero exponent field,
// magnitude outside 1e-6 ... 10^digits, a rounding tie, NaN or infinity) it
// stops and returns the value's index. The caller writes that value and
// calls again from the next one.

/** Offsets of the tables the caller fills before the first call. */
let pow10: usize = 0;
let decades: usize = 0;
let pairs: usize = 0;
/** Output position after the last call. */
let position: i32 = 0;

const EXPONENT_BIAS: i32 = 45;
const ZERO: u8 = 0x30;
const DOT: u8 = 0x2e;
const MINUS: u8 = 0x2d;
const TAB: u8 = 0x09;
const LF: u8 = 0x0a;
/** The bytes of "0.000000" read as a little-endian u64. */
const LEADING_ZEROS: u64 = 0x303030303030_2e30;

/**
 * Sets the table offsets: `pow10Table` contains 10^0 ... 10^22 and
 * `decadeTable` 10^-45 ... 10^39, as float64, and `pairTable` the ASCII
 * digits of 00 ... 99, two bytes each.
 */
export function setTables(
  pow10Table: usize,
  decadeTable: usize,
  pairTable: usize,
): void {
  pow10 = pow10Table;
  decades = decadeTable;
  pairs = pairTable;
}

/** Returns the output position the last {@link formatFrom} reached. */
export function outputPosition(): i32 {
  return position;
}

/**
 * Formats values [from, to) of the float32 array at `values`, a row being
 * `dim` values and value `from` sitting in column `column`, into `out`
 * from byte `pos`: each value, then a tab, or a line feed after the last
 * column. Returns `to` when done, or the index of the first value it left
 * unwritten; {@link outputPosition} is then where that value goes.
 */
export function formatFrom(
  values: usize,
  from: i32,
  to: i32,
  dim: i32,
  column: i32,
  digits: i32,
  out: usize,
  pos: i32,
): i32 {
  const limit = load<f64>(pow10 + ((<usize>digits) << 3));
  for (let i = from; i < to; i++) {
    const bits = load<u32>(values + ((<usize>i) << 2));
    const field = <i32>((bits >>> 23) & 0xff);
    let value = <f64>load<f32>(values + ((<usize>i) << 2));
    let at = pos;
    if (value == 0) {
      store<u8>(out + at, ZERO);
      at++;
    } else {
      if (field == 0 || field == 0xff) break;
      // The sign byte is written either way and kept only for a negative.
      store<u8>(out + at, MINUS);
      at += <i32>(value < 0);
      value = abs(value);
      let exponent = ((field - 127) * 1233) >> 12;
      const next = load<f64>(
        decades + ((<usize>(exponent + 1 + EXPONENT_BIAS)) << 3),
      );
      if (value >= next) exponent++;
      if (exponent < -6 || exponent >= digits) break;
      const scaled =
        value * load<f64>(pow10 + ((<usize>(digits - 1 - exponent)) << 3));
      const floor = <i32>scaled;
      const fraction = scaled - <f64>floor;
      if (fraction > 0.499999 && fraction < 0.500001) break;
      let mantissa = fraction > 0.5 ? floor + 1 : floor;
      let count = digits;
      if (<f64>mantissa >= limit) {
        mantissa = mantissa / 10;
        exponent++;
        if (exponent >= digits) break;
      }
      let stripped = mantissa;
      for (;;) {
        const quotient = stripped / 10;
        if (stripped != quotient * 10) break;
        stripped = quotient;
        count--;
      }
      if (exponent < 0) {
        // "0." and the zeros up to the first digit, then all `digits`
        // digits. The end moves past the significant ones only.
        store<u64>(out + at, LEADING_ZEROS);
        at += 1 - exponent;
        writeFixed(out, at + digits, mantissa, digits);
        at += count;
      } else {
        mantissa = stripped;
        const whole = exponent + 1;
        if (count <= whole) {
          writeFixed(out, at + count, mantissa, count);
          for (let k = count; k < whole; k++) store<u8>(out + at + k, ZERO);
          at += whole;
        } else {
          const places = count - whole;
          const unit = <i32>load<f64>(pow10 + ((<usize>places) << 3));
          const integer = mantissa / unit;
          writeFixed(out, at + whole, integer, whole);
          store<u8>(out + at + whole, DOT);
          at += count + 1;
          writeFixed(out, at, mantissa - integer * unit, places);
        }
      }
    }
    column++;
    if (column == dim) {
      store<u8>(out + at, LF);
      column = 0;
    } else {
      store<u8>(out + at, TAB);
    }
    pos = at + 1;
    from = i + 1;
  }
  position = pos;
  return from;
}

/**
 * Writes the whole number 0 <= `n` < 10^`width` as exactly `width` digits,
 * zero-padded on the left, ending just before `end`, two digits at a time.
 */
function writeFixed(out: usize, end: i32, n: i32, width: i32): void {
  let at = end;
  for (; width >= 2; width -= 2) {
    const quotient = n / 100;
    at -= 2;
    store<u16>(out + at, load<u16>(pairs + ((n - quotient * 100) << 1)));
    n = quotient;
  }
  if (width == 1) store<u8>(out + at - 1, <u8>(<i32>ZERO + n));
}
