import { describe, expect, it } from "vitest";

import { createOptimizer } from "../../src/dream/optimizer.js";
import { expectClose } from "../helpers/tolerance.js";

describe("createOptimizer", () => {
  it("normalized step divides by mean |grad|", () => {
    const optimizer = createOptimizer("normalized", 2, { learningRate: 0.1 });
    const vector = new Float32Array([1, 1]);
    optimizer.step(vector, new Float32Array([2, -6]));
    // mean |grad| is 4, so the step is 0.1 / 4 * grad.
    expectClose(vector[0]!, 1.05);
    expectClose(vector[1]!, 0.85);
  });

  it("minimize descends", () => {
    const optimizer = createOptimizer("normalized", 1, {
      learningRate: 0.5,
      minimize: true,
    });
    const vector = new Float32Array([0]);
    optimizer.step(vector, new Float32Array([3]));
    expectClose(vector[0]!, -0.5);
  });

  it("normalized leaves a zero gradient alone", () => {
    const optimizer = createOptimizer("normalized", 2, { learningRate: 1 });
    const vector = new Float32Array([1, 2]);
    optimizer.step(vector, new Float32Array([0, 0]));
    expect(Array.from(vector)).toEqual([1, 2]);
  });

  it("adam first step moves by lr", () => {
    const optimizer = createOptimizer("adam", 2, { learningRate: 0.01 });
    const vector = new Float32Array([0, 0]);
    optimizer.step(vector, new Float32Array([5, -0.5]));
    expectClose(vector[0]!, 0.01, 1e-6);
    expectClose(vector[1]!, -0.01, 1e-6);
  });

  it.each([0, -0.01, Number.NaN, Infinity])(
    "rejects learning rate %s",
    (rate) => {
      expect(() =>
        createOptimizer("normalized", 2, { learningRate: rate }),
      ).toThrow(`invalid learning rate ${rate}`);
    },
  );
});
