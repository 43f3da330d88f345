import { describe, expect, it } from "vitest";
import {
  foldAccents,
  gatherTokens,
  isNeverInVocabulary,
  isPunctuationOnly,
  lookupTokens,
  punctuationOnlyIndices,
  tokenize,
} from "../../src/text/index.js";
import { smallVectors } from "./small-vocabulary.js";

function wordsFor(text: string): string[][] {
  return lookupTokens(smallVectors(), tokenize(text)).map((l) => l.words);
}

describe("lookupTokens", () => {
  it.each([
    ["n't to not", "don't", [["do"], ["not"]]],
    ["'re to are", "they're", [[], ["are"]]],
    ["'ll to will", "it'll", [["it"], ["will"]]],
    ["'ve to have", "I've", [[], ["have"]]],
    ["'m to am", "I'm", [[], ["am"]]],
    ["'d to would", "it'd", [["it"], ["would"]]],
    ["'s to is after it", "it's", [["it"], ["is"]]],
    ["'s to us after let", "let's", [["let"], ["us"]]],
    ["possessive 's to nothing", "john's car", [["john"], [], ["car"]]],
    ["ca before n't kept", "can't", [["ca"], ["not"]]],
    ["wo before n't kept", "won't", [["wo"], ["not"]]],
    ["sha before n't to shall", "shan't", [["shall"], ["not"]]],
    ["ellipsis to one character", "great...", [["great"], ["\u2026"]]],
    ["dash to hyphen", "great -- show", [["great"], ["-"], ["show"]]],
    ["accent folded", "café", [["cafe"]]],
    ["hyphenated word kept", "well-known", [["well-known"]]],
    ["hyphenated parts", "great-year", [["great", "year"]]],
    ["number part dropped", "10-year", [["year"]]],
    ["apostrophe parts", "o'clock", [["clock"]]],
  ])("maps %s", (_, text, expected) => {
    expect(wordsFor(text)).toEqual(expected);
  });

  it.each([
    ["known word", "love", "known"],
    ["mapped piece", "n't", "mapped"],
    ["single letter", "i", "ignored"],
    ["accented letter", "é", "ignored"],
    ["digit", "2", "ignored"],
    ["year", "1990", "ignored"],
    ["decimal", "3.14", "ignored"],
    ["ordinal", "3rd", "ignored"],
    ["all-number compound", "9-11", "ignored"],
    ["misspelling", "zxqv", "unknown"],
    ["unknown compound", "zxqv-blorf", "unknown"],
    ["emoji", "😀", "unknown"],
    ["non-Latin letter", "日", "unknown"],
  ])("classes %s", (_, token, status) => {
    const [lookup] = lookupTokens(smallVectors(), [token]);
    expect(lookup!.status).toBe(status);
  });

  it("lists unknown parts of compounds", () => {
    const [lookup] = lookupTokens(smallVectors(), ["great-zxqv-2"]);
    expect(lookup).toEqual({
      token: "great-zxqv-2",
      status: "mapped",
      words: ["great"],
      indices: [25],
      unknown: ["zxqv"],
      ignored: ["2"],
    });
  });

  it("reports a piece whose word is missing", () => {
    const vectors = smallVectors(["do", "love"]);
    const [, lookup] = lookupTokens(vectors, ["do", "n't"]);
    expect(lookup).toMatchObject({ status: "unknown", unknown: ["n't"] });
  });
});

describe("foldAccents", () => {
  it.each([
    ["café", "cafe"],
    ["naïve", "naive"],
    ["cœur", "coeur"],
    ["straße", "strasse"],
    ["plain", "plain"],
  ])("folds %s", (word, expected) => {
    expect(foldAccents(word)).toBe(expected);
  });
});

describe("isNeverInVocabulary", () => {
  it.each([
    ["i", true],
    ["a", true],
    ["é", true],
    ["7", true],
    ["1990s", true],
    ["ab", false],
    ["h1n1", false],
    ["日", false],
  ])("tells %s", (token, expected) => {
    expect(isNeverInVocabulary(token)).toBe(expected);
  });
});

describe("isPunctuationOnly", () => {
  it.each([
    [",", true],
    ["...", true],
    ["--", true],
    ["$", true],
    ["\u201c", true],
    ["\u2026", true],
    ["a", false],
    ["well-known", false],
    ["h1n1", false],
    ["😀", false],
    ["", false],
  ])("tells %s", (word, expected) => {
    expect(isPunctuationOnly(word)).toBe(expected);
  });

  it("lists punctuation rows", () => {
    expect(punctuationOnlyIndices(smallVectors())).toEqual([
      1, 2, 26, 27, 28, 29,
    ]);
  });
});

describe("gatherTokens", () => {
  it.each([
    "I don't love it's show, John's car",
    "we shan't go -- let's see...",
    "caf\u00e9 great-year 10-year zxqv 2",
  ])("matches lookupTokens for %s", (text) => {
    const tokens = tokenize(text);
    const lookups = lookupTokens(smallVectors(), tokens);
    expect(gatherTokens(smallVectors(), tokens)).toEqual({
      used: lookups.flatMap((l) => l.words),
      usedIndices: lookups.flatMap((l) => l.indices),
      unknown: lookups.flatMap((l) => l.unknown),
      ignored: lookups.flatMap((l) => l.ignored),
    });
  });

  it("ignores Object prototype names", () => {
    const vectors = smallVectors(["constructor", "not"]);
    const gathered = gatherTokens(vectors, ["constructor", "n't"]);
    expect(gathered.used).toEqual(["constructor", "not"]);
    const lookups = lookupTokens(vectors, ["constructor", "n't"]);
    expect(lookups.map((l) => l.status)).toEqual(["known", "mapped"]);
  });
});
