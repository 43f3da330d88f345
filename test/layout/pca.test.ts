import { describe, expect, it } from "vitest";

import { pcaLayout } from "../../src/layout/index.js";
import { expectClose } from "../helpers/tolerance.js";

describe("pcaLayout", () => {
  it("puts a line on the first axis", () => {
    const values = Float32Array.from([0, 0, 0, 1, 2, 0, 2, 4, 0, 3, 6, 0]);
    const layout = pcaLayout({ rows: 4, dim: 3, values });
    const length = Math.hypot(1, 2);
    [-1.5, -0.5, 0.5, 1.5].forEach((t, i) => {
      expectClose(layout[2 * i]!, t * length, 1e-6);
      expectClose(layout[2 * i + 1]!, 0, 1e-6);
    });
  });

  it("returns zeros for one point", () => {
    const layout = pcaLayout({
      rows: 1,
      dim: 2,
      values: Float32Array.from([4, 5]),
    });
    expect([...layout]).toEqual([0, 0]);
  });

  it("rejects NaN naming the row", () => {
    const values = Float32Array.from([1, 2, NaN, 4]);
    expect(() => pcaLayout({ rows: 2, dim: 2, values })).toThrow(
      /row 1 \(0-based\)/,
    );
  });
});
