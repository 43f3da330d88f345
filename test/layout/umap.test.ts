import { describe, expect, it } from "vitest";

import {
  exactNeighbors,
  neighborhoodPreservation,
  trivialLayout,
  umapLayout,
  umapNeighborCount,
  type PointMatrix,
} from "../../src/layout/index.js";
import { UsageError } from "../../src/errors.js";

/** Two tight clusters of `each` points in `dim` dimensions, far apart. */
function twoClusters(each: number, dim = 6): PointMatrix {
  const values = new Float32Array(2 * each * dim);
  for (let i = 0; i < 2 * each; i++) {
    for (let j = 0; j < dim; j++) {
      const centre = (i < each ? j === 0 : j === 1) ? 10 : 0;
      values[i * dim + j] = centre + Math.sin(i * 7.1 + j * 3.3) * 0.3;
    }
  }
  return { rows: 2 * each, dim, values };
}

const matrixOf = (rows: number[][]): PointMatrix => ({
  rows: rows.length,
  dim: rows[0]?.length ?? 2,
  values: Float32Array.from(rows.flat()),
});

describe("umapLayout", () => {
  it("lays out 3 points with 15 neighbours", async () => {
    const layout = await umapLayout(
      matrixOf([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
    );
    expect(layout).toHaveLength(6);
    expect(layout.every(Number.isFinite)).toBe(true);
  });

  it.each([
    [0, []],
    [1, [0, 0]],
    [2, [-1, 0, 1, 0]],
  ])("gives %i points a trivial layout", async (rows, expected) => {
    const matrix = matrixOf(Array.from({ length: rows }, () => [1, 2]));
    expect([...(await umapLayout(matrix))]).toEqual(expected);
  });

  it("rejects NaN naming the row", async () => {
    const matrix = matrixOf([
      [1, 2],
      [3, 4],
      [5, NaN],
      [7, 8],
    ]);
    await expect(umapLayout(matrix)).rejects.toThrow(
      /invalid value NaN in row 2 \(0-based\), column 1/,
    );
  });

  it.each([0, 1.5, 100_001])("rejects %s epochs", async (epochs) => {
    const matrix = twoClusters(5);
    await expect(umapLayout(matrix, { epochs })).rejects.toThrow(
      `epochs is ${epochs} but must be a whole number from 1 to 100000`,
    );
  });

  it("rejects Infinity as a usage error", async () => {
    const matrix = matrixOf([
      [1, 2],
      [Infinity, 4],
      [5, 6],
    ]);
    await expect(umapLayout(matrix)).rejects.toBeInstanceOf(UsageError);
  });

  it("repeats a layout for one seed", async () => {
    const matrix = twoClusters(20);
    const a = await umapLayout(matrix, { seed: 7, epochs: 50 });
    const b = await umapLayout(matrix, { seed: 7, epochs: 50 });
    const c = await umapLayout(matrix, { seed: 8, epochs: 50 });
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });

  it("keeps duplicate points finite", async () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      i < 6 ? [1, 1, 0] : [0, 1, 1],
    );
    const layout = await umapLayout(matrixOf(rows), { epochs: 30 });
    expect(layout.every(Number.isFinite)).toBe(true);
  });

  it("separates two clusters", async () => {
    const matrix = twoClusters(25);
    const layout = await umapLayout(matrix, { seed: 3, metric: "euclidean" });
    const gap = Math.hypot(
      meanOf(layout, 0, 25, 0) - meanOf(layout, 25, 50, 0),
      meanOf(layout, 0, 25, 1) - meanOf(layout, 25, 50, 1),
    );
    expect(gap).toBeGreaterThan(2);
    const kept = await neighborhoodPreservation(matrix, layout, {
      k: 5,
      metric: "euclidean",
    });
    expect(kept).toBeGreaterThan(0.3);
  });

  it("runs PCA init and random init", async () => {
    const matrix = twoClusters(10);
    for (const init of ["pca", "random"] as const) {
      const layout = await umapLayout(matrix, { init, epochs: 20 });
      expect(layout.every(Number.isFinite)).toBe(true);
    }
  });

  it("reports progress per epoch", async () => {
    const seen: number[] = [];
    await umapLayout(twoClusters(5), {
      epochs: 4,
      onProgress: (fraction) => seen.push(fraction),
    });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
  });
});

function meanOf(layout: Float64Array, from: number, to: number, axis: number) {
  let sum = 0;
  for (let i = from; i < to; i++) sum += layout[2 * i + axis]!;
  return sum / (to - from);
}

describe("umapNeighborCount", () => {
  it.each([
    [15, 3, 2],
    [15, 100, 15],
    [5, 4, 3],
    [2, 3, 2],
  ])("clamps %i neighbours for %i points", (requested, rows, expected) => {
    expect(umapNeighborCount(requested, rows)).toBe(expected);
  });

  it("rejects one neighbour", () => {
    expect(() => umapNeighborCount(1, 10)).toThrow(/at least 2/);
  });
});

describe("exactNeighbors", () => {
  it("orders neighbours nearest first", async () => {
    const table = await exactNeighbors(
      matrixOf([
        [0, 0],
        [1, 0],
        [3, 0],
        [6, 0],
      ]),
      2,
      "euclidean",
    );
    expect([...table.indices]).toEqual([1, 2, 0, 2, 1, 0, 2, 1]);
    expect([...table.distances]).toEqual([1, 3, 1, 2, 2, 3, 3, 5]);
  });

  it("gives trivialLayout two points apart", () => {
    expect([...trivialLayout(2)]).toEqual([-1, 0, 1, 0]);
  });
});
