import { describe, expect, it } from "vitest";
import { detokenize, tokenize } from "../../src/text/index.js";

describe("detokenize", () => {
  it.each([
    [["do", "n't"], "don't"],
    [["ca", "n't"], "can't"],
    [["wo", "n't"], "won't"],
    [["sha", "n't"], "shan't"],
    [["it", "'s"], "it's"],
    [["they", "'ll", "'ve"], "they'll've"],
    [["i", "'m"], "i'm"],
    [["i", "hate", "this", "."], "i hate this."],
    [["great", ",", "really", "!", "?"], "great, really!?"],
    [["wait", "..."], "wait..."],
    [["(", "so", ")"], "(so)"],
    [["$", "5", "50", "%"], "$5 50%"],
    [['"', "so", '"', "good"], '"so" good'],
    [["'", "so", "'", "good"], "'so' good"],
    [["the", "dogs", "'", "owner"], "the dogs' owner"],
    [["yes", "--", "no"], "yes -- no"],
    [["great", "😀", "!"], "great 😀!"],
    [[], ""],
  ])("joins %j", (tokens, expected) => {
    expect(detokenize(tokens)).toBe(expected);
  });

  it.each([
    ["two dots", [".", "."], ". ."],
    ["two quotes", ["'", "'"], "' '"],
    ["dot after ellipsis", ["...", "."], "... ."],
  ])("keeps apart %s", (_, tokens, expected) => {
    expect(detokenize(tokens)).toBe(expected);
    expect(tokenize(detokenize(tokens))).toEqual(tokens);
  });

  it.each([
    "I don't know, can't you? It's great!",
    "Won't they've \u201cquoted\u201d text<br />Next...",
    "'hello' said the dogs' owner (really) $5.50 50%",
    "shan't ain't let's o'clock rock'n'roll y'all",
    "caf\u00e9 1,000 3.14 well-known 1990's \ud83d\udc4d\ud83c\udffd \u2014 yes",
  ])("round-trips %s", (text) => {
    const tokens = tokenize(text);
    expect(tokenize(detokenize(tokens))).toEqual(tokens);
  });
});

describe("detokenize limits", () => {
  it("splits endings after punctuation", () => {
    const text = detokenize(["-", "'re"]);
    expect(text).toBe("- 're");
    expect(tokenize(text)).toEqual(["-", "'", "re"]);
  });
});
