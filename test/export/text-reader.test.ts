import { describe, expect, it } from "vitest";

import { FileFormatError } from "../../src/errors.js";
import { exportAndRead, writeInput } from "./helpers.js";

const ROWS = "cat 0.1 0.2 0.3\ndog 0.4 0.5 0.6\nfish 0.7 0.8 0.9\n";

describe("text vectors reader", () => {
  it.each([
    ["with header", `3 3\n${ROWS}`],
    ["without header", ROWS],
  ])("reads 3 x 3 %s", async (_title, text) => {
    const run = await exportAndRead(await writeInput("v.txt", text));
    expect(run.metadata).toEqual(["cat", "dog", "fish"]);
    expect(run.result.dim).toBe(3);
    expect(run.vectors).toEqual([
      [0.1, 0.2, 0.3],
      [0.4, 0.5, 0.6],
      [0.7, 0.8, 0.9],
    ]);
    expect(run.warnings).toEqual([]);
  });

  it.each([
    ["a space", "new york 0.1 0.2", "new york"],
    ["a no-break space", "1\u00a01/2 0.1 0.2", "1\u00a01/2"],
    ["dots and spaces", ". . . 0.1 0.2", ". . ."],
    ["a trailing space", "the 0.1 0.2 ", "the"],
    ["a CRLF line end", "the 0.1 0.2\r", "the"],
  ])("keeps a word with %s", async (_title, line, word) => {
    const text = `a 1 2\nb 3 4\n${line}\nc 5 6\n`;
    const run = await exportAndRead(await writeInput("v.txt", text));
    expect(run.metadata).toEqual(["a", "b", word, "c"]);
    expect(run.vectors[2]).toEqual([0.1, 0.2]);
  });

  it("reads a fastText header and trailing spaces", async () => {
    const text = "2 2\nthe 0.5 1 \nof -2 3e-2 \n";
    const run = await exportAndRead(await writeInput("w.vec", text));
    expect(run.result.inputFormat).toBe("word2vec-text");
    expect(run.vectors).toEqual([
      [0.5, 1],
      [-2, 0.03],
    ]);
  });

  it("reads a header after a blank line", async () => {
    const run = await exportAndRead(
      await writeInput("v.txt", "\n2 2\na 0.1 0.2\nb 0.3 0.4\n"),
    );
    expect(run.result.inputFormat).toBe("word2vec-text");
    expect(run.metadata).toEqual(["a", "b"]);
    expect(run.vectors).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
  });

  it("names the row when the header's width is wrong", async () => {
    const path = await writeInput("v.txt", "2 3\na 0.1 0.2\nb 0.3 0.4\n");
    await expect(exportAndRead(path)).rejects.toThrow(
      `line 2 of "${path}" failed: expected 4 fields (a word and 3 numbers), found 3`,
    );
  });

  it("warns when header count differs", async () => {
    const run = await exportAndRead(await writeInput("v.vec", `5 3\n${ROWS}`));
    expect(run.metadata).toHaveLength(3);
    expect(run.warnings).toEqual([
      "the header announces 5 rows, but the file contains 3; all 3 were read.",
    ]);
  });

  it.each([
    [
      "too few fields",
      "b 3\n",
      "line 2",
      "expected 3 fields (a word and 2 numbers), found 2",
    ],
    [
      "too many numbers",
      "b 3 4 5\n",
      "line 2",
      "expected 3 fields (a word and 2 numbers), found 4",
    ],
  ])("rejects %s with the line", async (_title, bad, line, detail) => {
    const path = await writeInput("v.txt", `a 1 2\n${bad}c 5 6\nd 7 8\n`);
    const error = await exportAndRead(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as Error).message).toContain(`${line} of "${path}"`);
    expect((error as Error).message).toContain(detail);
    expect((error as Error).message).toContain("--skip-bad-rows");
  });

  it.each([
    ["the longer row first", "a 1 2 3 4\nb 1 2 3\n", 4, "found 4"],
    ["the shorter row first", "a 1 2 3\nb 1 2 3 4\n", 3, "found 5"],
    [
      "a spaced word first",
      "new york 0.1 0.2\nparis 0.1 0.2 0.3\n",
      2,
      "found 4",
    ],
    [
      "spaced words on a tie",
      "new york 0.1 0.2\nparis 0.1 0.2 0.3\nlos angeles 0.5 0.6\nrome 0.1 0.2 0.3\n",
      2,
      "found 4",
    ],
  ])(
    "takes line 1's width on a tie with %s",
    async (_title, text, dim, found) => {
      const path = await writeInput("v.txt", text);
      const error = await exportAndRead(path).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`line 2 of "${path}"`);
      expect((error as Error).message).toContain(
        `expected ${dim + 1} fields (a word and ${dim} numbers), ${found}`,
      );
    },
  );

  it.each([
    [
      "spaced words first",
      "new york 0.1 0.2\nlos angeles 0.3 0.4\ncat 1 2\n",
      "cat",
    ],
    ["a spaced word on a tie", "new york 0.1 0.2\ncat 1 2\n", "cat"],
    ["a number in the word", "section 2b 0.1 0.2\ncat 1 2\n", "cat"],
    [
      "only spaced words",
      "new york 0.1 0.2\nlos angeles 0.3 0.4\nx y 1 2\n",
      "x y",
    ],
    ["a single spaced word", "new york 1 2\n", "new york"],
  ])("reads 2 numbers per row with %s", async (_title, text, last) => {
    const run = await exportAndRead(await writeInput("v.txt", text));
    expect(run.result.dim).toBe(2);
    expect(run.metadata.at(-1)).toBe(last);
    expect(run.vectors.at(-1)).toEqual([1, 2]);
  });

  it.each([
    ["a number in a spaced word", "a 0.1 0.2\nb c 0.3 0.4 0.5\n", "found 5"],
    ["a number inside a word", "a 0.1 0.2\nnew 1 york 0.1 0.2\n", "found 5"],
  ])("rejects %s", async (_title, text, found) => {
    const path = await writeInput("v.txt", text);
    await expect(exportAndRead(path)).rejects.toThrow(
      `line 2 of "${path}" failed: expected 3 fields (a word and 2 numbers), ${found}`,
    );
  });

  it("skips bad rows with a count", async () => {
    const path = await writeInput("v.txt", "a 1 2\nb 3\nc 5 6\nd 7 8 9\n");
    const run = await exportAndRead(path, { skipBadRows: true });
    expect(run.metadata).toEqual(["a", "c"]);
    expect(run.warnings).toEqual([
      "2 rows with a wrong field count were skipped.",
    ]);
  });

  it("keeps the first of duplicate words", async () => {
    const text = "a 1 2\nb 3 4\na 5 6\nb 7 8\na 9 9\n";
    const run = await exportAndRead(await writeInput("v.txt", text));
    expect(run.metadata).toEqual(["a", "b"]);
    expect(run.vectors).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(run.warnings).toEqual([
      "3 rows repeat an earlier word; the first of each was kept and the repeats dropped.",
    ]);
  });

  it.each(["nan", "NaN", "inf", "-Infinity"])(
    "rejects %s naming the line",
    async (value) => {
      const path = await writeInput("v.txt", `a 1 2\nb 3 ${value}\n`);
      await expect(exportAndRead(path)).rejects.toThrow(
        new RegExp(`line 2 of .*NaN or Infinity.*--drop-nonfinite`),
      );
    },
  );

  it("drops non-finite rows on request", async () => {
    const path = await writeInput("v.txt", "a 1 2\nb 3 nan\nc 5 6\n");
    const run = await exportAndRead(path, { dropNonfinite: true });
    expect(run.metadata).toEqual(["a", "c"]);
    expect(run.warnings).toEqual([
      "1 rows holding NaN or Infinity were dropped.",
    ]);
  });

  it("rejects a word where a number belongs", async () => {
    const path = await writeInput("v.txt", "a 1 2\nb 3 x4\n");
    await expect(exportAndRead(path)).rejects.toThrow(
      'line 2 of "' + path + '" failed: value 2 is "x4", not a number',
    );
  });

  it.each([
    ["an empty file", "", "the file is empty (0 bytes)"],
    ["blank lines", "\n\n", "it contains no rows (only blank lines, 2 bytes)"],
    [
      "a header only",
      "3 3\n",
      'line 1 is the header "3 3" announcing 3 rows of dimension 3, but no row follows',
    ],
  ])("rejects %s clearly", async (_title, text, message) => {
    const path = await writeInput("v.txt", text);
    await expect(exportAndRead(path)).rejects.toThrow(message);
  });

  it("skips a byte-order mark", async () => {
    const run = await exportAndRead(await writeInput("v.txt", `\ufeff${ROWS}`));
    expect(run.metadata).toEqual(["cat", "dog", "fish"]);
  });

  it("reads gzip by magic bytes", async () => {
    const path = await writeInput("vectors.data", ROWS, { gzip: true });
    const run = await exportAndRead(path);
    expect(run.metadata).toEqual(["cat", "dog", "fish"]);
  });

  it.each([
    ["plain", false],
    ["gzip", true],
  ])("reads %s rows across chunks", async (_title, gzip) => {
    const lines = Array.from(
      { length: 30000 },
      (_, i) => `w${i} ${i} ${-i} ${i / 4} ${"7".repeat(30)}`,
    );
    const path = await writeInput("big.txt", `${lines.join("\n")}\n`, {
      gzip,
    });
    const run = await exportAndRead(path);
    expect(run.metadata).toHaveLength(30000);
    expect(run.metadata[29999]).toBe("w29999");
    expect(run.vectors[12345]).toEqual([12345, -12345, 3086.25, 7.77778e29]);
  });
});
