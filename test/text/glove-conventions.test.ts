// Checks the tokenizer's conventions against the shipped GloVe vocabulary.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { loadVocabulary } from "../../src/embeddings/index.js";
import type { WordVectors } from "../../src/embeddings/index.js";
import { UsageError } from "../../src/errors.js";
import {
  IS_BEFORE_S,
  PIECE_WORDS,
  STEMS_BEFORE_NOT,
  embedSentence,
  isNeverInVocabulary,
  punctuationOnlyIndices,
  tokenizesWhole,
} from "../../src/text/index.js";

let glove: WordVectors;

beforeAll(async () => {
  glove = await loadVocabulary({ cacheDir: inject("textdreamCacheDir") });
});

function cosine(a: string, b: string): number {
  const u = glove.vectorOf(a)!;
  const v = glove.vectorOf(b)!;
  let dot = 0;
  let uu = 0;
  let vv = 0;
  for (let d = 0; d < u.length; d++) {
    dot += u[d]! * v[d]!;
    uu += u[d]! * u[d]!;
    vv += v[d]! * v[d]!;
  }
  return dot / Math.sqrt(uu * vv);
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("");
const DIGITS = "0123456789".split("");

describe("GloVe vocabulary facts", () => {
  it.each([
    ...LETTERS,
    ...DIGITS,
    "10",
    "1990",
    "3.14",
    "1,000",
    "3rd",
    "1980s",
    "n't",
    "'s",
    "'re",
    "'ll",
    "'ve",
    "'m",
    "'d",
    "...",
    "--",
    "café",
    "don't",
  ])("lacks %s", (token) => {
    expect(glove.indexOf(token)).toBe(-1);
  });

  it.each([
    ...Object.values(PIECE_WORDS),
    ...Object.values(STEMS_BEFORE_NOT),
    ...IS_BEFORE_S,
    "is",
    "us",
    "ca",
    "wo",
    "ai",
    "cafe",
    "well-known",
    "h1n1",
  ])("contains %s", (word) => {
    expect(glove.indexOf(word)).toBeGreaterThanOrEqual(0);
  });

  it("contains only lowercase words", () => {
    const cased = glove.words.filter((word) => word !== word.toLowerCase());
    expect(cased).toEqual([]);
  });

  it("contains no ignored token", () => {
    expect(glove.words.filter(isNeverInVocabulary)).toEqual([]);
  });

  it("keeps almost every word whole", () => {
    const changed = glove.words.filter((word) => !tokenizesWhole(word));
    expect(changed).toEqual([
      "\u201c",
      "\u201d",
      "\u2019",
      "\u2018",
      "\u2026",
      "anti-",
      "pro-",
      "mission--pages",
      "ap--climatepool",
      "consumers--edge",
    ]);
  });

  it("learned ca and wo as modals", () => {
    expect(cosine("ca", "can")).toBeGreaterThan(0.7);
    expect(cosine("wo", "will")).toBeGreaterThan(0.7);
  });

  it("learned sha as a name", () => {
    expect(cosine("sha", "shall")).toBeLessThan(0.2);
  });

  it("lists 40 punctuation words", () => {
    const words = punctuationOnlyIndices(glove).map((i) => glove.words[i]);
    expect(words).toHaveLength(40);
    expect(words.slice(0, 8)).toEqual([",", ".", '"', "-", "(", ")", ":", "'"]);
    expect(words).toContain("\u2026");
  });
});

describe("embedSentence on GloVe", () => {
  it.each([
    ["I hate this.", ["hate", "this", "."], ["i"]],
    ["I don't like it", ["do", "not", "like", "it"], ["i"]],
    ["I can't stand it", ["ca", "not", "stand", "it"], ["i"]],
    ["it won't work", ["it", "wo", "not", "work"], []],
    ["it isn't", ["it", "is", "not"], []],
    ["we shan't", ["we", "shall", "not"], []],
    ["it's great", ["it", "is", "great"], []],
    ["let's go", ["let", "us", "go"], []],
    ["they're late", ["they", "are", "late"], []],
    ["we'll see", ["we", "will", "see"], []],
    ["I've seen", ["have", "seen"], ["i"]],
    ["I'm sad", ["am", "sad"], ["i"]],
    ["you'd cry", ["you", "would", "cry"], []],
    ["John's car", ["john", "car"], ["'s"]],
    ["Caf\u00e9 na\u00efve", ["cafe", "naive"], []],
    ["a 1990 classic", ["classic"], ["a", "1990"]],
    ["a 10-year wait", ["year", "wait"], ["a", "10"]],
    ["Good.<br /><br />Bad", ["good", ".", "bad"], []],
    ["wait... \u2014 no", ["wait", "\u2026", "-", "no"], []],
    ["\u201cgreat\u201d", ['"', "great", '"'], []],
  ])("embeds %s", (text, used, ignored) => {
    const result = embedSentence(glove, text);
    expect(result.used).toEqual(used);
    expect(result.ignored).toEqual(ignored);
    expect(result.unknown).toEqual([]);
  });

  it("warns about emoji", () => {
    const result = embedSentence(glove, "great\ud83d\ude00");
    expect(result.used).toEqual(["great"]);
    expect(result.unknown).toEqual(["\ud83d\ude00"]);
  });

  it("gives curly apostrophes the same vector", () => {
    const straight = embedSentence(glove, "I don't love this show.");
    const curly = embedSentence(glove, "I don\u2019t love this show.");
    expect(curly.tokens).toEqual(straight.tokens);
    expect(Array.from(curly.vector)).toEqual(Array.from(straight.vector));
  });

  it("averages known words only", () => {
    const partly = embedSentence(glove, "I love zxqv this show blorf");
    const known = embedSentence(glove, "I love this show");
    expect(partly.unknown).toEqual(["zxqv", "blorf"]);
    expect(Array.from(partly.vector)).toEqual(Array.from(known.vector));
  });

  it("rejects zxqv blorf", () => {
    expect(() => embedSentence(glove, "zxqv blorf")).toThrow(
      new UsageError(
        `no known word in sentence 1 ("zxqv blorf"): tokens zxqv, blorf are not in the vocabulary; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
      ),
    );
  });
});
