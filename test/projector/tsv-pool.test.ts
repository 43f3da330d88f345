import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { PARALLEL_MIN_VALUES } from "../../src/projector/tsv-blocks.js";
import { writeVectorsTsv } from "../../src/projector/vectors.js";
import { makeTempDir } from "../helpers/temp.js";

// Worker threads run compiled JavaScript, so this suite drives the built
// copy in dist/ (npm test builds it first) against the TypeScript source.
const BUILT = new URL("../../dist/projector/vectors.js", import.meta.url);
const built = existsSync(BUILT)
  ? ((await import(BUILT.href)) as { writeVectorsTsv: typeof writeVectorsTsv })
  : undefined;

const DIM = 100;
// Enough numbers that the writer starts its worker threads.
const ROWS = Math.ceil(PARALLEL_MIN_VALUES / DIM) + 1000;

function matrix(): Float32Array {
  let state = 7;
  return Float32Array.from({ length: ROWS * DIM }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state / 2 ** 32 - 0.5) * 3;
  });
}

function* chunks(data: Float32Array, rows: number) {
  for (let row = 0; row < ROWS; row += rows) {
    yield data.subarray(row * DIM, Math.min(ROWS, row + rows) * DIM);
  }
}

describe.skipIf(!built)("writeVectorsTsv on workers", () => {
  it("matches the calling-thread output", async () => {
    const dir = await makeTempDir();
    const data = matrix();
    const serial = await writeVectorsTsv(
      join(dir, "serial.tsv"),
      DIM,
      chunks(data, 777),
      { threads: 0 },
    );
    const parallel = await built!.writeVectorsTsv(
      join(dir, "parallel.tsv"),
      DIM,
      chunks(data, 777),
      { threads: 2 },
    );
    expect(parallel.sha256).toBe(serial.sha256);
    expect(parallel.rows).toBe(ROWS);
    const text = await readFile(join(dir, "parallel.tsv"), "utf8");
    expect(text.split("\n")).toHaveLength(ROWS + 1);
  });

  it("names the row of a NaN", async () => {
    const dir = await makeTempDir();
    const data = matrix();
    data[(ROWS - 77) * DIM + 5] = NaN;
    const write = built!.writeVectorsTsv(join(dir, "v.tsv"), DIM, [data], {
      threads: 2,
    });
    await expect(write).rejects.toThrow(`row ${ROWS - 77} (0-based), column 5`);
    expect(existsSync(join(dir, "v.tsv"))).toBe(false);
  });
});
