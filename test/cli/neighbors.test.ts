import { describe, expect, it } from "vitest";

import { nativeKernel } from "../../src/embeddings/native-kernel.js";
import { runTextdream } from "../helpers/cli.js";

describe("textdream neighbors", () => {
  it("prints neighbors of a sentence", async () => {
    const result = await runTextdream(["neighbors", "I hate this."]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 4)).toEqual([
      "this     0.9184",
      ".        0.8968",
      "it       0.8770",
      "even     0.8744",
    ]);
    expect(result.stderr).toBe("");
  });

  it("prints JSON with euclidean distances", async () => {
    const result = await runTextdream([
      "neighbors",
      "I",
      "love",
      "this",
      "show.",
      "--metric",
      "euclidean",
      "-k",
      "3",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      tokens: string[];
      metric: string;
      vocabSize: number;
      neighbors: Array<{ word: string; index: number; score: number }>;
    };
    expect(parsed.tokens).toEqual(["i", "love", "this", "show", "."]);
    expect(parsed.metric).toBe("euclidean");
    expect(parsed.vocabSize).toBe(50_000);
    expect(parsed.neighbors.map((n) => n.word)).toEqual(["this", "same", "."]);
    expect(parsed.neighbors[0]!.score).toBeCloseTo(2.4476, 4);
  });

  it("searches a smaller vocabulary", async () => {
    const result = await runTextdream([
      "neighbors",
      "hate",
      "--vocab-size",
      "100",
      "-k",
      "2",
      "--verbose",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("you  0.5953\ndo   0.5885\n");
    const kernel = nativeKernel() ? "native" : "wasm";
    expect(result.stderr).toContain(
      `searched 100 words with the ${kernel} kernel`,
    );
  });

  it.each([
    [
      "an empty string",
      "",
      'error: sentence 1 is empty: expected at least one word; pass a sentence with words, such as "I love this show."\n',
    ],
    [
      "whitespace only",
      "  \t ",
      'error: sentence 1 ("  \\t ") is only whitespace: expected at least one word; pass a sentence with words, such as "I love this show."\n',
    ],
    [
      "no known token",
      "zxqv blorf",
      `error: no known word in sentence 1 ("zxqv blorf"): tokens zxqv, blorf are not in the vocabulary; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)\n`,
    ],
  ])("rejects %s", async (_name, text, message) => {
    const result = await runTextdream(["neighbors", text]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe("");
  });

  it.each([
    [["--k", "0"], '"0" is below the minimum 1.'],
    [["--vocab-size", "400000"], '"400000" is above the maximum 341479.'],
    [["--metric", "dot"], '"dot" is not one of cosine, euclidean.'],
  ])("rejects option %j", async (option, message) => {
    const result = await runTextdream(["neighbors", "hate", ...option]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });
});
