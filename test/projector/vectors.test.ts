import { readdir, readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.js";
import {
  writeVectorsBytes,
  writeVectorsTsv,
} from "../../src/projector/vectors.js";
import { makeTempDir } from "../helpers/temp.js";

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

describe("writeVectorsTsv", () => {
  it("writes rows with LF and a final newline", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "vectors.tsv");
    const chunk = Float32Array.from([0.1, -2, 0, 1e-8, 3.5, -0]);
    const summary = await writeVectorsTsv(path, 3, [chunk]);
    const text = await readFile(path, "utf8");
    expect(text).toBe("0.1\t-2\t0\n1e-8\t3.5\t0\n");
    expect(summary).toEqual({
      file: "vectors.tsv",
      bytes: Buffer.byteLength(text),
      rows: 2,
      sha256: sha256(Buffer.from(text)),
    });
  });

  it("honours digits and async chunks", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "v.tsv");
    async function* chunks() {
      yield Float32Array.from([Math.PI, Math.E]);
      yield Float32Array.from([]);
      yield Float32Array.from([1 / 3, 2 / 3]);
    }
    await writeVectorsTsv(path, 2, chunks(), { digits: 3 });
    expect(await readFile(path, "utf8")).toBe("3.14\t2.72\n0.333\t0.667\n");
  });

  it("spans many blocks without losing rows", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "v.tsv");
    const dim = 50;
    const rows = 8000;
    const data = Float32Array.from({ length: rows * dim }, (_, i) =>
      Math.sin(i),
    );
    const progress: number[] = [];
    const summary = await writeVectorsTsv(path, dim, [data], {
      digits: 9,
      totalRows: rows,
      onProgress: (fraction) => progress.push(fraction),
    });
    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines.pop()).toBe("");
    expect(summary.rows).toBe(rows);
    expect(lines).toHaveLength(rows);
    const parsed = Float32Array.from(lines.join("\t").split("\t"), Number);
    const differing = data.findIndex((value, i) => parsed[i] !== value);
    expect(differing).toBe(-1);
    expect(progress.at(-1)).toBe(1);
  });

  it.each([NaN, Infinity, -Infinity])(
    "rejects %s naming the row",
    async (bad) => {
      const dir = await makeTempDir();
      const path = join(dir, "vectors.tsv");
      await writeFile(path, "old\n");
      const chunk = Float32Array.from([1, 2, 3, bad]);
      await expect(writeVectorsTsv(path, 2, [chunk])).rejects.toThrow(
        /row 1 \(0-based\), column 1 is/,
      );
      expect(await readFile(path, "utf8")).toBe("old\n");
      expect(await readdir(dir)).toEqual(["vectors.tsv"]);
    },
  );

  it("rejects a chunk of partial rows", async () => {
    const dir = await makeTempDir();
    const chunk = Float32Array.from([1, 2, 3]);
    await expect(
      writeVectorsTsv(join(dir, "v.tsv"), 2, [chunk]),
    ).rejects.toThrow(UsageError);
  });

  it("round-trips random rows at 9 digits", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "v.tsv");
    const values = fc.float32Array({
      minLength: 4,
      maxLength: 40,
      noDefaultInfinity: true,
      noNaN: true,
    });
    await fc.assert(
      fc.asyncProperty(values, async (array) => {
        const data = array.subarray(0, array.length - (array.length % 4));
        await writeVectorsTsv(path, 4, [data], { digits: 9 });
        const text = await readFile(path, "utf8");
        const cells = text
          .trimEnd()
          .split(/[\t\n]/)
          .map(Number);
        expect(Float32Array.from(cells)).toEqual(data.map((x) => x + 0));
      }),
      { numRuns: 40 },
    );
  });
});

describe("writeVectorsBytes", () => {
  it("writes little-endian float32", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "vectors.bytes");
    const summary = await writeVectorsBytes(path, 2, [
      Float32Array.from([1, -2]),
      Float32Array.from([0.5, 3]),
    ]);
    const bytes = await readFile(path);
    expect(bytes.toString("hex")).toBe("0000803f000000c00000003f00004040");
    expect(summary.rows).toBe(2);
    expect(summary.bytes).toBe(16);
  });

  it("rejects NaN naming the row", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "vectors.bytes");
    await expect(
      writeVectorsBytes(path, 2, [Float32Array.from([1, 2, NaN, 0])]),
    ).rejects.toThrow(/row 1 \(0-based\), column 0 is NaN/);
    expect(await readdir(dir)).toEqual([]);
  });
});
