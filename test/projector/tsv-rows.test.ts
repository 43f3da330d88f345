import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatFloat } from "../../src/projector/format-float.js";
import { formatRows, maxRowBytes } from "../../src/projector/tsv-rows.js";

function format(values: Float32Array, dim: number, digits: number): string {
  const out = new Uint8Array((values.length / dim) * maxRowBytes(dim));
  const end = formatRows(values, dim, digits, 0, out);
  return Buffer.from(out.subarray(0, end)).toString("latin1");
}

function expected(values: Float32Array, dim: number, digits: number): string {
  let text = "";
  values.forEach((value, i) => {
    text += formatFloat(value, digits) + ((i + 1) % dim === 0 ? "\n" : "\t");
  });
  return text;
}

describe("formatRows", () => {
  it.each([
    [
      [0.41077, -0.038194, 1e-6, 9.9999997e-7],
      "0.41077\t-0.038194\t0.000001\t0.000001\n",
    ],
    [[123456, 999999.6, 12.5, -0], "123456\t1000000\t12.5\t0\n"],
    [[1.5e-7, 0.0999999996, 100, 3.4e38], "1.5e-7\t0.1\t100\t3.4e+38\n"],
  ])("formats %j at 6 digits", (row, text) => {
    expect(format(Float32Array.from(row), 4, 6)).toBe(text);
  });

  it("equals formatFloat on random rows", () => {
    const rows = fc.float32Array({
      minLength: 3,
      maxLength: 60,
      noNaN: true,
      noDefaultInfinity: true,
    });
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 9 }), (array, digits) => {
        const values = array.subarray(0, array.length - (array.length % 3));
        expect(format(values, 3, digits)).toBe(expected(values, 3, digits));
      }),
      { numRuns: 3000 },
    );
  });

  it("equals formatFloat on GloVe-like values", () => {
    const decimals = fc.integer({ min: -999999, max: 999999 });
    const scales = fc.constantFrom(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1);
    const value = fc
      .tuple(decimals, scales)
      .map(([n, s]) => Math.fround(n * s));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 1, max: 9 }),
        (pair, digits) => {
          const values = Float32Array.from(pair);
          expect(format(values, 2, digits)).toBe(expected(values, 2, digits));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it("names the row of an infinity", () => {
    const values = Float32Array.from([1, 2, 3, -Infinity]);
    expect(() => format(values, 2, 6)).toThrow(/row 1 \(0-based\), column 1/);
  });
});
