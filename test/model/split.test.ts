import { describe, expect, it } from "vitest";

import { mulberry32, stratifiedSplit } from "../../src/model/index.js";

describe("stratifiedSplit", () => {
  const labels = [...Array(50).fill(0), ...Array(30).fill(1)] as number[];

  it("keeps class balance", () => {
    const { kept, held } = stratifiedSplit(labels, 0.2, mulberry32(1));
    const heldOnes = held.filter((index) => labels[index] === 1).length;
    expect(held).toHaveLength(16);
    expect(heldOnes).toBe(6);
    expect(kept).toHaveLength(64);
  });

  it("makes disjoint complete sets", () => {
    const { kept, held } = stratifiedSplit(labels, 0.25, mulberry32(2));
    const all = [...kept, ...held].sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, index) => index));
  });

  it("repeats for one seed", () => {
    const first = stratifiedSplit(labels, 0.2, mulberry32(3));
    expect(stratifiedSplit(labels, 0.2, mulberry32(3))).toEqual(first);
    expect(stratifiedSplit(labels, 0.2, mulberry32(4))).not.toEqual(first);
  });

  it("holds nothing at fraction 0", () => {
    const { kept, held } = stratifiedSplit(labels, 0, mulberry32(5));
    expect(held).toEqual([]);
    expect(kept).toHaveLength(80);
  });
});
