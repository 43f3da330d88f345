import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.js";
import {
  sanitizeCell,
  sanitizeLabel,
  writeMetadataTsv,
} from "../../src/projector/metadata.js";
import { makeTempDir } from "../helpers/temp.js";

describe("sanitizeLabel", () => {
  it.each([
    ["great\tmovie", "great movie"],
    ["great movie,\nloved it", "great movie, loved it"],
    ["a\r\nb", "a b"],
    ["bell\u0007 and del\u007f", "bell  and del"],
    ["next\u0085line", "next line"],
    ["line\u2028separator", "line separator"],
    ["  padded  ", "padded"],
    ["", "(empty)"],
    ["\t\n\r", "(empty)"],
    ["\u00a0", "(empty)"],
    ["lone \ud800 high", "lone   high"],
    ["lone\udc00low", "lone low"],
    ["emoji 😀 kept", "emoji 😀 kept"],
  ])("cleans %j", (input, expected) => {
    expect(sanitizeLabel(input)).toBe(expected);
  });

  it.each([
    ["abcdef", 3, "abc"],
    ["ab😀cd", 3, "ab😀"],
    ["a😀", 1, "a"],
    ["e\u0301e\u0301e\u0301", 3, "e\u0301"],
    ["👍🏽👍🏽", 3, "👍🏽"],
    ["ab cd", 3, "ab"],
  ])("cuts %j to %i code points", (input, max, expected) => {
    expect(sanitizeLabel(input, max)).toBe(expected);
  });

  it("keeps empty cells empty", () => {
    expect(sanitizeCell("")).toBe("");
    expect(sanitizeCell(" \t ")).toBe("");
  });

  it("never yields unsafe text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.nat(300), (text, max) => {
        const label = sanitizeLabel(text, max + 1);
        expect(label).not.toMatch(/[\p{Cc}\u2028\u2029\p{Cs}]/u);
        expect(label.trim()).toBe(label);
        expect(label.length).toBeGreaterThan(0);
        expect([...label].length).toBeLessThanOrEqual(Math.max(max + 1, 7));
        expect(Buffer.from(label).toString()).toBe(label);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("writeMetadataTsv", () => {
  it("writes one column without a header", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "metadata.tsv");
    const summary = await writeMetadataTsv(
      path,
      ["label"],
      [["café"], ["a\tb"], [""]],
    );
    expect(await readFile(path, "utf8")).toBe("café\na b\n(empty)\n");
    expect(summary.rows).toBe(3);
    expect(summary.bytes).toBe(18);
  });

  it("writes several columns with a header", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "metadata.tsv");
    async function* rows() {
      yield ["I hate\tthis. [step 0]", "start", "1"];
      yield ["", "end", ""];
    }
    const summary = await writeMetadataTsv(
      path,
      ["label", "kind", "__seq_next__"],
      rows(),
    );
    expect(await readFile(path, "utf8")).toBe(
      "label\tkind\t__seq_next__\nI hate this. [step 0]\tstart\t1\n(empty)\tend\t\n",
    );
    expect(summary.rows).toBe(2);
  });

  it("writes UTF-8 without a byte-order mark", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "metadata.tsv");
    await writeMetadataTsv(path, ["label"], [["über"]]);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xc3, 0xbc, 0x62]);
  });

  it("rejects a row of the wrong width", async () => {
    const dir = await makeTempDir();
    const write = writeMetadataTsv(join(dir, "m.tsv"), ["a", "b"], [["x"]]);
    await expect(write).rejects.toThrow(UsageError);
    await expect(write).rejects.toThrow(/row 0 \(0-based\) has 1 cells/);
  });
});
