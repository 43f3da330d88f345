import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detokenize, tokenize } from "../../src/text/index.js";

/** Pieces that exercise every tokenizer rule when glued together. */
const PIECES = [
  "don't",
  "can't",
  "won't",
  "it's",
  "they're",
  "I'll",
  "we've",
  "I'm",
  "you'd",
  "o'clock",
  "dogs'",
  "'",
  "''",
  "``",
  '"',
  "well-known",
  "-",
  "--",
  "---",
  ".",
  "..",
  "...",
  ",",
  "!",
  "?",
  "(",
  ")",
  "$",
  "%",
  "3.14",
  "1,000",
  "1990",
  "<br />",
  "<br/>",
  "<BR>",
  "\u2019",
  "\u201c",
  "\u2026",
  "\u2014",
  "caf\u00e9",
  "\ud83d\ude00",
  "\ud83d\udc4d\ud83c\udffd",
  "A",
  "i",
  "Love",
  "n't",
  "'s",
  " ",
  "  ",
  "\t",
  "\n",
];

/** Vocabulary-like words a swap may insert, as in GloVe's word list. */
const SWAP_WORDS = [
  "great",
  "well-known",
  "h1n1",
  "mid-1990s",
  "b-side",
  "not",
  "ca",
  "wo",
  "sha",
  "ai",
  "s",
  "t",
  "ll",
  "re",
  "do",
  "is",
  "it",
  "n't",
];

const asciiish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const asciiOnly = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...PIECES.filter((piece) => /^[\x00-\x7f]*$/u.test(piece)),
      ),
      fc.string({ unit: "binary-ascii", maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const anyText = fc.string({ unit: "grapheme", maxLength: 40 });
const binaryText = fc.string({ unit: "binary", maxLength: 40 });

describe("tokenize properties", () => {
  it.each([
    ["ASCII-ish text", asciiish],
    ["Unicode graphemes", anyText],
    ["any code units", binaryText],
  ])("never yields blank tokens from %s", (_, text) => {
    fc.assert(
      fc.property(text, (input) => {
        for (const token of tokenize(input)) {
          expect(token).not.toBe("");
          expect(token).not.toMatch(/\s/u);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["ASCII-ish text", asciiish],
    ["Unicode graphemes", anyText],
    ["any code units", binaryText],
  ])("round-trips detokenize on %s", (_, text) => {
    fc.assert(
      fc.property(text, (input) => {
        const tokens = tokenize(input);
        expect(tokenize(detokenize(tokens))).toEqual(tokens);
      }),
      { numRuns: 2000 },
    );
  });

  it("scans ASCII like graphemes", () => {
    // A trailing non-ASCII word sends the whole text down the grapheme path.
    fc.assert(
      fc.property(asciiOnly, (input) => {
        expect(tokenize(`${input} \u00e9t\u00e9`)).toEqual([
          ...tokenize(input),
          "\u00e9t\u00e9",
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips after a word swap", () => {
    // Token dreaming replaces one token with a vocabulary word that is
    // neither punctuation nor changed by tokenizing.
    const words = fc.constantFrom(...SWAP_WORDS);
    fc.assert(
      fc.property(asciiish, fc.nat(), words, (input, at, word) => {
        const tokens = tokenize(input);
        fc.pre(tokens.length > 0);
        tokens[at % tokens.length] = word;
        expect(tokenize(detokenize(tokens))).toEqual(tokens);
      }),
      { numRuns: 2000 },
    );
  });
});
