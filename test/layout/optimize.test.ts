import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { buildFuzzyGraph } from "../../src/layout/graph.js";
import { exactNeighbors } from "../../src/layout/knn.js";
import { optimizeLayout } from "../../src/layout/optimize.js";
import { createSeededRandom } from "../../src/layout/random.js";
import { wasm } from "../../src/wasm-api.js";

/** `rows` points in 8 dimensions scattered around 4 centres. */
function scattered(rows: number) {
  const random = createSeededRandom(11);
  const dim = 8;
  const values = Float32Array.from({ length: rows * dim }, (_, i) => {
    const centre = Math.floor(i / dim) % 4 === i % dim ? 5 : 0;
    return centre + random() - 0.5;
  });
  return { rows, dim, values };
}

async function layOut(rows: number, parallel: boolean, epochs = 60) {
  const matrix = scattered(rows);
  const table = await exactNeighbors(matrix, 10, "euclidean");
  const graph = buildFuzzyGraph(table, rows);
  const random = createSeededRandom(5);
  const embedding = Float64Array.from(
    { length: rows * 2 },
    () => random() * 20 - 10,
  );
  await optimizeLayout(embedding, graph, {
    epochs,
    a: 1.577,
    b: 0.895,
    negativeSampleRate: 5,
    random,
    parallel,
  });
  return embedding;
}

describe("optimizeLayout", () => {
  it.each([12, 300])(
    "gives %i points the same bytes on one thread and on two",
    async (rows) => {
      const serial = await layOut(rows, false);
      const parallel = await layOut(rows, true);
      expect(serial.every(Number.isFinite)).toBe(true);
      expect(Buffer.from(parallel.buffer)).toEqual(Buffer.from(serial.buffer));
    },
  );

  it("moves the points", async () => {
    const before = await layOut(300, true, 1);
    const after = await layOut(300, true, 60);
    expect(Buffer.from(after.buffer)).not.toEqual(Buffer.from(before.buffer));
  });
});

describe("the kernel's power function", () => {
  const bytes = readFileSync(
    new URL("../../dist/wasm/umap.wasm", import.meta.url),
  );
  const memory = new wasm.Memory({ initial: 1, maximum: 1, shared: true });
  const instance = new wasm.Instance(new wasm.Module(bytes), {
    env: { memory },
  });
  const power = instance.exports.power as (x: number, y: number) => number;

  it("stays within 3e-6 of Math.pow", () => {
    let worst = 0;
    for (let exponent = -30; exponent <= 30; exponent += 0.037) {
      const x = 2 ** exponent;
      for (const y of [0.5, 0.8951, 1, 1.5]) {
        const exact = Math.pow(x, y);
        worst = Math.max(worst, Math.abs(power(x, y) - exact) / exact);
      }
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(3e-6);
  });
});
