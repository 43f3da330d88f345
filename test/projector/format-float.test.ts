import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  formatFloat,
  MAX_FLOAT_BYTES,
  writeFloat32,
} from "../../src/projector/format-float.js";

/** Any finite float32, subnormals, -0 and extreme exponents included. */
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const digits = fc.integer({ min: 1, max: 9 });

function fastText(value: number, count: number): string {
  const out = new Uint8Array(MAX_FLOAT_BYTES + 2);
  const end = writeFloat32(out, 0, value, count);
  return Buffer.from(out.subarray(0, end)).toString("latin1");
}

describe("formatFloat", () => {
  it.each([
    [0.1, 6, "0.1"],
    [-0.5, 6, "-0.5"],
    [0, 6, "0"],
    [-0, 6, "0"],
    [1, 6, "1"],
    [0.125, 2, "0.13"],
    [2.5, 1, "3"],
    [-2.5, 1, "-3"],
    [1234567, 6, "1234570"],
    [123456789, 9, "123456792"],
    [0.000001, 6, "0.000001"],
    [1e-7, 6, "1e-7"],
    [1.5e-8, 6, "1.5e-8"],
    [3.4028234663852886e38, 6, "3.40282e+38"],
    [1e21, 6, "1e+21"],
    [1.401298464324817e-45, 6, "1.4013e-45"],
    [-1.401298464324817e-45, 9, "-1.40129846e-45"],
    [0.3, 9, "0.300000012"],
    [9.9999999, 6, "10"],
    [0.41077, 6, "0.41077"],
  ])("formats %s at %i digits", (value, count, expected) => {
    expect(formatFloat(value, count)).toBe(expected);
    expect(fastText(Math.fround(value), count)).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity, 1e39])("rejects %s", (value) => {
    expect(() => formatFloat(value)).toThrow(RangeError);
  });

  it.each([0, 10, 2.5])("rejects %s digits", (count) => {
    expect(() => formatFloat(1, count)).toThrow(/digits/);
  });

  it("round-trips float32 at 1..9 digits", () => {
    fc.assert(
      fc.property(float32, digits, (value, count) => {
        const parsed = parseFloat(formatFloat(value, count));
        expect(parsed).toBe(Number(value.toPrecision(count)) + 0);
      }),
      { numRuns: 20_000 },
    );
  });

  it("fast writer equals formatFloat", () => {
    fc.assert(
      fc.property(float32, digits, (value, count) => {
        expect(fastText(value, count)).toBe(formatFloat(value, count));
      }),
      { numRuns: 50_000 },
    );
  });

  it("fast writer settles decimal ties", () => {
    // Dyadic values with few bits sit exactly halfway between decimals.
    for (let k = 1; k <= 24; k++) {
      for (const n of [1, 3, 5, 7, 11, 12345, 99999]) {
        const value = Math.fround(n / 2 ** k);
        for (let count = 1; count <= 9; count++) {
          expect(fastText(value, count)).toBe(formatFloat(value, count));
        }
      }
    }
  });
});
