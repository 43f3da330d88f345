import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatFloat } from "../../src/projector/format-float.js";
import {
  KERNEL_BATCH_VALUES,
  tsvKernel,
} from "../../src/projector/tsv-kernel.js";
import {
  formatRows,
  formatRowsInScript,
  maxRowBytes,
} from "../../src/projector/tsv-rows.js";

type Formatter = typeof formatRows;

function formatWith(
  formatter: Formatter,
  values: Float32Array,
  dim: number,
  digits: number,
): string {
  const out = new Uint8Array((values.length / dim) * maxRowBytes(dim));
  const end = formatter(values, dim, digits, 0, out);
  return Buffer.from(out.subarray(0, end)).toString("latin1");
}

/** Formats with both writers, checks they agree and returns the text. */
function format(values: Float32Array, dim: number, digits: number): string {
  const text = formatWith(formatRows, values, dim, digits);
  expect(formatWith(formatRowsInScript, values, dim, digits)).toBe(text);
  return text;
}

function expected(values: Float32Array, dim: number, digits: number): string {
  let text = "";
  values.forEach((value, i) => {
    text += formatFloat(value, digits) + ((i + 1) % dim === 0 ? "\n" : "\t");
  });
  return text;
}

describe("formatRows", () => {
  it("loads the WebAssembly kernel from the build", () => {
    expect(tsvKernel()).not.toBeNull();
  });

  it("matches the script writer across kernel batches", () => {
    // 3 does not divide the batch size, so rows straddle batches. Every
    // 1,000th value is subnormal or huge, so the kernel hands it to the
    // script writer.
    const count = 3 * Math.ceil((KERNEL_BATCH_VALUES * 2 + 2000) / 3);
    const values = new Float32Array(count);
    let seed = 12345;
    for (let i = 0; i < count; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const uniform = seed / 2 ** 32 - 0.5;
      values[i] =
        i % 1000 === 7
          ? uniform * 1e-40
          : i % 1000 === 9
            ? uniform * 1e30
            : uniform;
    }
    const text = format(values, 3, 6);
    expect(text.split("\n")).toHaveLength(count / 3 + 1);
    expect(text).toBe(expected(values, 3, 6));
  });

  it.each([KERNEL_BATCH_VALUES - 1, KERNEL_BATCH_VALUES + 4])(
    "names the row and column of a NaN at index %i",
    (index) => {
      const values = new Float32Array(KERNEL_BATCH_VALUES + 10).fill(0.25);
      values[index] = NaN;
      const out = new Uint8Array(values.length * 26);
      const message = `row ${Math.floor(index / 5)} (0-based), column ${index % 5} is NaN`;
      for (const formatter of [formatRows, formatRowsInScript]) {
        expect(() => formatter(values, 5, 6, 0, out)).toThrow(message);
      }
    },
  );

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
