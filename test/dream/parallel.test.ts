import { join } from "node:path";

import { describe, expect, it } from "vitest";

import {
  countUnits,
  planUnits,
  type DreamUnit,
} from "../../src/dream/chunks.js";
import { DreamWorkerPool } from "../../src/dream/parallel.js";
import type { RecordedDream } from "../../src/dream/recorded.js";
import { silentLogger } from "../../src/io/logger.js";
import { makeTempDir } from "../helpers/temp.js";

const OPTIONS = {
  mode: "tokens" as const,
  steps: 2,
  vocabSize: 1000,
  beam: 2,
  keep: [],
  allowRepeats: false,
  allowPunct: false,
  stopwords: "free" as const,
  fluency: 0.75,
};

/** Token units for `count` short sentences. */
function units(count: number): DreamUnit[] {
  return Array.from({ length: count }, (_, index) => ({
    mode: "tokens",
    inputs: [
      {
        index,
        text: `bad movie ${index}`,
        tokens: ["bad", "movie"],
        vector: new Float32Array(100),
      },
    ],
  }));
}

/** Blocks the calling thread for `ms` milliseconds. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe("DreamWorkerPool", () => {
  it("stops when a worker fails to load", async () => {
    const missing = join(await makeTempDir(), "no-model");
    const pool = DreamWorkerPool.start(1, {
      modelDir: missing,
      objective: "norm:fc2",
      options: OPTIONS,
    });
    let calls = 0;
    const started = Date.now();
    try {
      // The calling thread takes 40 x 250 ms = 10 s alone; the worker
      // fails within about a second of starting.
      await expect(
        pool.run(units(40), silentLogger, () => {
          calls += 1;
          pause(250);
          return [] as RecordedDream[];
        }),
      ).rejects.toThrow(missing);
    } finally {
      await pool.close();
    }
    expect(calls).toBeLessThan(40);
    expect(Date.now() - started).toBeLessThan(9000);
  });

  it("runs all units here without workers", async () => {
    const pool = DreamWorkerPool.start(0, {
      objective: "norm:fc2",
      options: OPTIONS,
    });
    const seen: number[] = [];
    const results = await pool.run(units(5), silentLogger, (unit) => {
      seen.push(unit.inputs[0]!.index);
      return [{ index: unit.inputs[0]!.index } as RecordedDream];
    });
    await pool.close();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((dreams) => dreams[0]!.index)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("countUnits", () => {
  it("matches the units planUnits makes", () => {
    const modes = ["continuous", "tokens", "both"] as const;
    for (const mode of modes) {
      for (let count = 0; count <= 20; count++) {
        const inputs = units(count).map((unit) => unit.inputs[0]!);
        expect(countUnits(count, mode), `${mode} ${count}`).toBe(
          planUnits(inputs, mode).length,
        );
      }
    }
  });
});
