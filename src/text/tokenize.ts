import { splitGraphemes } from "./graphemes.js";
import {
  ASCII_ONLY,
  DASH_TOKEN,
  ELLIPSIS_TOKEN,
  normalizeText,
} from "./normalize.js";
import { scanAscii } from "./scan-ascii.js";

/**
 * Names the tokenizer's conventions. A model records it, because a model
 * trained on one tokenization reads another one wrongly.
 */
export const TOKENIZER_VERSION = "glove-ptb-1";

/**
 * Contraction endings split off a word, as the Penn Treebank tokenizer
 * that GloVe was trained with does: `don't` -> `do n't`, `it's` -> `it 's`.
 */
export const CONTRACTION_SUFFIXES: readonly string[] = [
  "n't",
  "'s",
  "'re",
  "'ve",
  "'ll",
  "'d",
  "'m",
];

type Kind = "space" | "skip" | "emoji" | "word" | "repeat" | "single";

const SPACE = /^\s/u;
const SKIP = /^[\p{M}\p{Cf}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const WORD = /^[\p{L}\p{N}]/u;
const DIGIT = /^\p{Nd}/u;
const NUMBER = /^[\p{Nd}.,]+$/u;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;

function kindOf(grapheme: string): Kind {
  if (SPACE.test(grapheme)) return "space";
  if (EMOJI.test(grapheme)) return "emoji";
  if (WORD.test(grapheme)) return "word";
  // A combining mark or format character with no letter to sit on.
  if (SKIP.test(grapheme)) return "skip";
  if (grapheme === "." || grapheme === "-") return "repeat";
  return "single";
}

/**
 * Splits `text` into tokens the way GloVe's training text was split:
 * lowercase, punctuation as separate tokens, contractions split (`can't`
 * -> `ca n't`), curly quotes folded to straight ones, `<br />` tags removed,
 * each emoji one token. Hyphenated words (`well-known`) and numbers with
 * separators (`3.14`, `1,000`) stay one token. Never returns an empty
 * token or one containing whitespace.
 */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  const tokens: string[] = [];
  if (ASCII_ONLY.test(normalized)) {
    scanAscii(
      normalized,
      (word) => pushWord(tokens, word),
      (token) => tokens.push(token),
    );
  } else {
    scanGraphemes(normalized, tokens);
  }
  return tokens;
}

function pushWord(tokens: string[], word: string): void {
  const pieces = splitContraction(word);
  if (pieces.length === 1) tokens.push(word);
  else tokens.push(...pieces);
}

/** Splits non-ASCII text by grapheme clusters, so emoji stay whole. */
function scanGraphemes(text: string, tokens: string[]): void {
  const graphemes = splitGraphemes(text);
  const kinds = graphemes.map(kindOf);
  let i = 0;
  while (i < graphemes.length) {
    const kind = kinds[i]!;
    if (kind === "word") {
      const end = wordEnd(graphemes, kinds, i);
      pushWord(tokens, graphemes.slice(i, end).join(""));
      i = end;
    } else if (kind === "repeat") {
      let end = i + 1;
      while (graphemes[end] === graphemes[i]) end++;
      tokens.push(end - i === 1 ? graphemes[i]! : repeatToken(graphemes[i]!));
      i = end;
    } else {
      if (kind === "emoji" || kind === "single") tokens.push(graphemes[i]!);
      i++;
    }
  }
}

function repeatToken(grapheme: string): string {
  return grapheme === "." ? ELLIPSIS_TOKEN : DASH_TOKEN;
}

/**
 * Finds where the word starting at `start` ends: letters and digits, joined
 * by an apostrophe or hyphen between two of them (`don't`, `well-known`),
 * or by a dot or comma between digits of a number (`3.14`, `1,000`).
 */
function wordEnd(graphemes: string[], kinds: Kind[], start: number): number {
  let end = start;
  for (;;) {
    while (kinds[end] === "word") end++;
    const joiner = graphemes[end];
    const next = graphemes[end + 1];
    if (joiner === undefined || next === undefined) return end;
    if (kinds[end + 1] !== "word") return end;
    if (joiner === "'" || joiner === "-") {
      end += 1;
      continue;
    }
    const numberSoFar = graphemes.slice(start, end).join("");
    const joinsNumber =
      (joiner === "." || joiner === ",") &&
      NUMBER.test(numberSoFar) &&
      DIGIT.test(next);
    if (!joinsNumber) return end;
    end += 1;
  }
}

/**
 * Tells whether `tokenize(word)` returns exactly `[word]`. A word that
 * fails (`anti-`, `“`, `mission--pages` in GloVe) cannot be written into a
 * sentence and read back as itself.
 */
export function tokenizesWhole(word: string): boolean {
  const tokens = tokenize(word);
  return tokens.length === 1 && tokens[0] === word;
}

/**
 * Splits the contraction endings off `word`: `don't` -> `do`, `n't`, and
 * `they'll've` -> `they`, `'ll`, `'ve`. A word that is only an ending
 * stays whole, and so does one whose stem would end in `'` or `-`.
 */
export function splitContraction(word: string): string[] {
  if (!word.includes("'")) return [word];
  for (const suffix of CONTRACTION_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    // A stem must end in a letter or digit: `dogs'n't` stays whole.
    if (!ENDS_IN_WORD.test(stem)) return [word];
    return [...splitContraction(stem), suffix];
  }
  return [word];
}
