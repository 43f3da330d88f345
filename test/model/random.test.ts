import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  deriveSeed,
  mulberry32,
  shuffleInPlace,
} from "../../src/model/index.js";

describe("mulberry32", () => {
  it("matches the reference stream", () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
    expect(mulberry32(0)()).toBe(0.26642920868471265);
  });

  it("stays within [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = mulberry32(seed);
        for (let i = 0; i < 50; i++) {
          const value = random();
          if (!(value >= 0 && value < 1)) return false;
        }
        return true;
      }),
    );
  });
});

describe("shuffleInPlace", () => {
  it("returns a permutation", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const shuffled = shuffleInPlace([...items], mulberry32(seed));
        expect([...shuffled].sort()).toEqual([...items].sort());
      }),
    );
  });

  it("repeats for one seed", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const first = shuffleInPlace([...items], mulberry32(7));
    expect(shuffleInPlace([...items], mulberry32(7))).toEqual(first);
    expect(shuffleInPlace([...items], mulberry32(8))).not.toEqual(first);
  });
});

describe("deriveSeed", () => {
  it("separates stages and seeds", () => {
    const seeds = [
      deriveSeed(0, "split"),
      deriveSeed(0, "batches"),
      deriveSeed(1, "split"),
    ];
    expect(new Set(seeds).size).toBe(3);
    expect(deriveSeed(0, "split")).toBe(seeds[0]);
  });
});
