import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

import { JsonScanner } from "../../src/export/json-scanner.js";
import { exportAndRead, f32, writeInput } from "./helpers.js";

const WINK = JSON.stringify({
  precision: 8,
  l2NormIndex: 2,
  wordIndex: 3,
  size: 2,
  dimensions: 2,
  words: ["the", "]x[", "{"],
  vectors: { the: [0.5, -1, 1.118, 0], 'a"b': [2, 3, 3.6, 1] },
  unkVector: [0, 0, 0, -1],
});

describe("JSON reader", () => {
  it.each([
    ["an array of arrays", "[[1, 2], [3, 4.5]]", ["0", "1"]],
    ["a word map", '{"x": [1, 2], "y": [3, 4.5]}', ["x", "y"]],
    ["the wink format", WINK, ["the", 'a"b']],
  ])("reads %s", async (_title, text, words) => {
    const run = await exportAndRead(await writeInput("v.json", text));
    expect(run.result.inputFormat).toBe("json");
    expect(run.metadata).toEqual(words);
    expect(run.result.dim).toBe(2);
  });

  it("reads exponents and spaces", async () => {
    const text = '{"x": [ 1e-3 , -2.5E2 ], "y": [0.125,\n -0]}';
    const run = await exportAndRead(await writeInput("v.json", text), {
      format: "bytes",
    });
    expect(run.vectors).toEqual([f32([0.001, -250]), [0.125, -0]]);
  });

  it("rejects Infinity naming the row", async () => {
    const path = await writeInput(
      "v.json",
      '{"x": [1, 2], "y": [Infinity, 1]}',
    );
    await expect(exportAndRead(path)).rejects.toThrow(
      `row 1 (character 19) of "${path}" failed: the vector contains NaN or Infinity (value 1 of 2 is Infinity)`,
    );
  });

  it("skips a byte-order mark", async () => {
    const path = await writeInput("v", '\ufeff{"x": [1, 2]}');
    const run = await exportAndRead(path);
    expect(run.result.inputFormat).toBe("json");
    expect(run.metadata).toEqual(["x"]);
  });

  it("drops the wink norm and index", async () => {
    const run = await exportAndRead(await writeInput("v.json", WINK));
    expect(run.vectors).toEqual([
      [0.5, -1],
      [2, 3],
    ]);
  });

  it("scans text fed one character at a time", () => {
    const scanner = new JsonScanner("wink.json");
    for (const char of WINK) scanner.feed(char);
    scanner.feed("", true);
    expect(scanner.pending.map((row) => row.key)).toEqual(["the", 'a"b']);
    expect(scanner.pending[1]!.text).toBe("2,3,3.6,1");
    expect(scanner.meta).toMatchObject({ dimensions: 2, l2NormIndex: 2 });
  });

  it.each([
    [
      "a truncated file",
      '{"x": [1, 2], "y": [3',
      "the text ends at character 21",
    ],
    ["a nested row", "[[1, 2], [[3], 4]]", "row 1 is not an array of numbers"],
    [
      "a string value",
      '{"x": [1, 2], "y": "z"}',
      'the value of "y" is not an array of numbers, unlike the 1 entries before it',
    ],
    ["a wrong width", '{"x": [1, 2], "y": [3]}', "row 1 (character 19)"],
    [
      "a non-number",
      '{"x": [1, 2], "y": [3, true]}',
      'value 2 is "true", not a number',
    ],
  ])("rejects %s", async (_title, text, message) => {
    const path = await writeInput("v.json", text);
    await expect(exportAndRead(path)).rejects.toThrow(message);
  });

  it("labels array rows from a file", async () => {
    const path = await writeInput("v.json", "[[1, 2], [3, 4]]");
    await writeFile(`${path}.txt`, "first\nsecond\n");
    const run = await exportAndRead(path, { labelsFile: `${path}.txt` });
    expect(run.metadata).toEqual(["first", "second"]);
  });
});
