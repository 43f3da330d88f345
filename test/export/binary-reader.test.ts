import { describe, expect, it } from "vitest";

import { FileFormatError } from "../../src/errors.js";
import { exportAndRead, f32, word2vecBinary, writeInput } from "./helpers.js";

const GOOD = [0.1, -2.5, 3.14159];
const BAD = [1e-7, 65504.5, -0];

describe("word2vec binary reader", () => {
  it.each([
    ["with newlines", true],
    ["without newlines", false],
  ])("reads good and bad %s", async (_title, newline) => {
    const bytes = word2vecBinary(
      [
        ["good", GOOD],
        ["bad", BAD],
      ],
      { newline },
    );
    const path = await writeInput("v.bin", bytes);
    const run = await exportAndRead(path, { format: "bytes" });
    expect(run.result.inputFormat).toBe("word2vec-binary");
    expect(run.metadata).toEqual(["good", "bad"]);
    expect(run.vectors).toEqual([f32(GOOD), f32(BAD)]);
    expect(run.warnings).toEqual([]);
  });

  it("detects binary without the extension", async () => {
    const bytes = word2vecBinary([
      ["ab", [1, 2]],
      ["cd", [3, 4]],
    ]);
    const run = await exportAndRead(await writeInput("vectors", bytes));
    expect(run.result.inputFormat).toBe("word2vec-binary");
    expect(run.vectors).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("replaces invalid UTF-8 and counts it", async () => {
    const cut = Buffer.from("caf\u00e9", "utf8").subarray(0, 4);
    const bytes = word2vecBinary([
      [cut, [1.5, 2.5]],
      ["ok", [3.5, 4.5]],
    ]);
    const run = await exportAndRead(await writeInput("v.bin", bytes), {
      format: "bytes",
    });
    expect(run.metadata).toEqual(["caf\ufffd", "ok"]);
    expect(run.vectors).toEqual([
      [1.5, 2.5],
      [3.5, 4.5],
    ]);
    expect(run.warnings).toEqual([
      "1 words were not valid UTF-8; their bad bytes became U+FFFD.",
    ]);
  });

  it("rejects a file cut mid-vector", async () => {
    const whole = word2vecBinary([
      ["good", GOOD],
      ["bad", BAD],
    ]);
    const path = await writeInput("v.bin", whole.subarray(0, whole.length - 6));
    const error = await exportAndRead(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    // Header 4 bytes, "good " + 12 + LF = 18: "bad" starts at 22; 39 - 6 = 33.
    expect((error as Error).message).toContain(
      `the vector of word "bad" at byte 22 needs 12 bytes (3 float32), but the file ends at byte 33, 5 bytes short`,
    );
  });

  it("rejects a file cut mid-word", async () => {
    const bytes = Buffer.concat([
      word2vecBinary([["good", GOOD]], { header: "2 3\n" }),
      Buffer.from("ba"),
    ]);
    const path = await writeInput("v.bin", bytes);
    await expect(exportAndRead(path)).rejects.toThrow(
      "the file ends at byte 24 inside a word starting at byte 22",
    );
  });

  it("warns when header count differs", async () => {
    const bytes = word2vecBinary([["good", GOOD]], { header: "4 3\n" });
    const run = await exportAndRead(await writeInput("v.bin", bytes));
    expect(run.warnings).toEqual([
      "the header announces 4 rows, but the file contains 1; all 1 were read.",
    ]);
  });

  it("rejects a non-finite value by word", async () => {
    const bytes = word2vecBinary([
      ["good", GOOD],
      ["bad", [1, NaN, 2]],
    ]);
    const path = await writeInput("v.bin", bytes);
    await expect(exportAndRead(path)).rejects.toThrow(
      `word "bad" (row 2, byte 22) of "${path}" failed: the vector contains NaN or Infinity (value 2 of 3 is NaN)`,
    );
  });

  it.each([
    ["plain", false],
    ["gzip", true],
  ])("reads many %s rows across chunks", async (_title, gzip) => {
    const entries: Array<[string, number[]]> = [];
    for (let i = 0; i < 5000; i++) {
      entries.push([`w${i}`, Array.from({ length: 100 }, (_, k) => i + k / 8)]);
    }
    const path = await writeInput("big.bin", word2vecBinary(entries), {
      gzip,
    });
    const run = await exportAndRead(path, { format: "bytes" });
    expect(run.metadata).toHaveLength(5000);
    expect(run.vectors[4321]).toEqual(entries[4321]![1]);
  });
});
