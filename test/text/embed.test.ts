import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { embedSentence, embedTokens, tokenize } from "../../src/text/index.js";
import { expectClose } from "../helpers/tolerance.js";
import {
  expectedMean,
  recordingLogger,
  smallVectors,
} from "./small-vocabulary.js";

/** Float32 rounding of values near 30 is about 2e-6. */
function expectVector(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, d) => expectClose(actual[d]!, value, 1e-5));
}

function thrown(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a UsageError, but nothing was thrown");
}

describe("embedSentence", () => {
  it("averages known tokens", () => {
    const result = embedSentence(smallVectors(), "I love this show.");
    expect(result.tokens).toEqual(["i", "love", "this", "show", "."]);
    expect(result.used).toEqual(["love", "this", "show", "."]);
    expect(result.usedIndices).toEqual([17, 19, 20, 2]);
    expect(result.ignored).toEqual(["i"]);
    expect(result.unknown).toEqual([]);
    expectVector(result.vector, expectedMean(["love", "this", "show", "."]));
  });

  it("keeps the negation", () => {
    const result = embedSentence(smallVectors(), "I don't love it");
    expect(result.used).toEqual(["do", "not", "love", "it"]);
  });

  it("counts repeated words twice", () => {
    const result = embedSentence(smallVectors(), "great great show");
    expectVector(result.vector, expectedMean(["great", "great", "show"]));
  });

  it("gives curly apostrophes the same vector", () => {
    const straight = embedSentence(smallVectors(), "I don't love it");
    const curly = embedSentence(smallVectors(), "I don\u2019t love it");
    expect(curly.tokens).toEqual(straight.tokens);
    expect(Array.from(curly.vector)).toEqual(Array.from(straight.vector));
  });

  it("returns float32 of the dimension", () => {
    const { vector } = embedSentence(smallVectors(), "love");
    expect(vector).toBeInstanceOf(Float32Array);
    expectVector(vector, [17, 27, -17]);
  });

  it("warns about partly unknown sentences", () => {
    const logger = recordingLogger();
    const result = embedSentence(smallVectors(), "I love zxqv blorf", {
      logger,
      position: 3,
    });
    expect(result.unknown).toEqual(["zxqv", "blorf"]);
    expect(result.used).toEqual(["love"]);
    expectVector(result.vector, expectedMean(["love"]));
    expect(logger.lines).toEqual([
      {
        level: "debug",
        message: `sentence 3 ("I love zxqv blorf"): i is ignored (single letters, numbers and the possessive 's have no vector in the vocabulary)`,
      },
      {
        level: "warn",
        message: `sentence 3 ("I love zxqv blorf"): tokens zxqv, blorf are not in the vocabulary, so the vector averages the other words; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
      },
    ]);
  });

  it("warns about one unknown token", () => {
    const logger = recordingLogger();
    embedSentence(smallVectors(), "love zxqv", { logger });
    expect(logger.lines).toEqual([
      {
        level: "warn",
        message: `sentence 1 ("love zxqv"): token zxqv is not in the vocabulary, so the vector averages the other words; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
      },
    ]);
  });

  it("stays silent for known sentences", () => {
    const logger = recordingLogger();
    embedSentence(smallVectors(), "Don't love this show!", { logger });
    expect(logger.lines).toEqual([]);
  });

  it.each([
    [
      "no known token",
      "zxqv blorf",
      `no known word in sentence 1 ("zxqv blorf"): tokens zxqv, blorf are not in the vocabulary; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
    ],
    [
      "one unknown token",
      "Zxqv",
      `no known word in sentence 1 ("Zxqv"): token zxqv is not in the vocabulary; check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
    ],
    [
      "only ignored tokens",
      "I 2",
      `no known word in sentence 1 ("I 2"): i, 2 are ignored (single letters, numbers and the possessive 's have no vector in the vocabulary); check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
    ],
    [
      "unknown and ignored",
      "a zxqv",
      `no known word in sentence 1 ("a zxqv"): token zxqv is not in the vocabulary and a is ignored (single letters, numbers and the possessive 's have no vector in the vocabulary); check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
    ],
    [
      "empty string",
      "",
      `sentence 1 is empty: expected at least one word; pass a sentence with words, such as "I love this show."`,
    ],
    [
      "spaces only",
      "   ",
      `sentence 1 ("   ") is only whitespace: expected at least one word; pass a sentence with words, such as "I love this show."`,
    ],
    [
      "tab and newline",
      "\t\n",
      `sentence 1 ("\\t\\n") is only whitespace: expected at least one word; pass a sentence with words, such as "I love this show."`,
    ],
    [
      "tags only",
      "<br /><br />",
      `sentence 1 ("<br /><br />") has no token once <br> tags and invisible characters are removed: expected at least one word; pass a sentence with words, such as "I love this show."`,
    ],
  ])("rejects %s", (_, text, message) => {
    const error = thrown(() => embedSentence(smallVectors(), text));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(1);
  });

  it("lists repeated tokens once", () => {
    const error = thrown(() => embedSentence(smallVectors(), "zxqv zxqv i i"));
    expect(error.message).toBe(
      `no known word in sentence 1 ("zxqv zxqv i i"): token zxqv is not in the vocabulary and i is ignored (single letters, numbers and the possessive 's have no vector in the vocabulary); check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)`,
    );
  });

  it("names the sentence position", () => {
    const error = thrown(() =>
      embedSentence(smallVectors(), "", { position: 7 }),
    );
    expect(error.message).toMatch(/^sentence 7 is empty:/u);
  });

  it("cuts long sentences in messages", () => {
    const text = `${"zxqv ".repeat(20)}end`;
    const error = thrown(() => embedSentence(smallVectors(), text));
    expect(error.message).toContain(`("${"zxqv ".repeat(11)}zx...")`);
  });
});

describe("embedTokens", () => {
  it("matches embedSentence", () => {
    const text = "Let's not say it'll be great-year, John's car.";
    const sentence = embedSentence(smallVectors(), text);
    const tokens = embedTokens(smallVectors(), tokenize(text));
    expect(Array.from(tokens)).toEqual(Array.from(sentence.vector));
  });

  it("rejects unknown tokens only", () => {
    const error = thrown(() => embedTokens(smallVectors(), ["zxqv", "i"]));
    expect(error.message).toBe(
      "embedTokens: no known word among tokens zxqv, i; pass at least one token found in the vocabulary.",
    );
  });

  it("rejects an empty list", () => {
    const error = thrown(() => embedTokens(smallVectors(), []));
    expect(error.message).toBe(
      "embedTokens: no known word among tokens (none); pass at least one token found in the vocabulary.",
    );
  });
});
