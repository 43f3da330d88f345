/** Powers of ten that are exact doubles: 10^0 through 10^22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Maximum digits of a mantissa: every integer below 10^15 is an exact double. */
const MAX_DIGITS = 15;

/**
 * Parses `text[start, end)` when it is a plain decimal: an optional minus,
 * digits and an optional fraction, 15 digits at most. Returns NaN for
 * anything else (exponents, `+`, `NaN`, longer numbers), so the caller
 * falls back to `Number`. The result equals `Number(text)`, because an
 * exact integer divided by an exact power of ten is correctly rounded.
 */
export function parsePlainDecimal(
  text: string,
  start: number,
  end: number,
): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i += 1;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits += 1;
  }
  if (i < end && text.charCodeAt(i) === 46) {
    for (i += 1; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      digits += 1;
      scale += 1;
    }
  }
  if (i !== end || digits === 0 || digits > MAX_DIGITS) return NaN;
  const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
  return negative ? -value : value;
}
