import type { WordVectors } from "../embeddings/index.js";
import { DASH_TOKEN, ELLIPSIS_TOKEN } from "./normalize.js";

/**
 * Maps the tokens GloVe's vocabulary lacks to the vocabulary word that
 * carries their meaning, so a negation is never lost: `n't` -> `not`.
 * `'d` is read as `would` (it can also be `had`). The ellipsis and dash
 * map to the forms the shipped vocabulary contains.
 */
export const PIECE_WORDS: Readonly<Record<string, string>> = {
  "n't": "not",
  "'re": "are",
  "'ll": "will",
  "'ve": "have",
  "'m": "am",
  "'d": "would",
  [ELLIPSIS_TOKEN]: "\u2026",
  [DASH_TOKEN]: "-",
};

/**
 * Words after which `'s` means `is` (`it's`, `that's`, `there's`). After
 * `let` it means `us`. After any other word it is the possessive (`john's`),
 * which carries no vector of its own and is ignored.
 */
export const IS_BEFORE_S: ReadonlySet<string> = new Set(
  (
    "it he she that this what there here who where how when why everyone " +
    "everybody everything someone somebody something nobody nothing"
  ).split(" "),
);

/**
 * Contraction stems mapped to their verb before `n't`, because GloVe
 * learned the stem with another meaning: `shan't` gives `sha n't`, and the
 * vector of `sha` is close to Chinese names (cosine 0.08 with `shall`).
 * The stems `ca` and `wo` are kept, because their vectors are close to
 * `can` and `will` (cosine 0.78 and 0.81).
 */
export const STEMS_BEFORE_NOT: Readonly<Record<string, string>> = {
  sha: "shall",
};

/** Letters folded to ASCII letters that are not base letter + accent. */
const LIGATURES: Readonly<Record<string, string>> = {
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ø: "o",
  đ: "d",
  ł: "l",
  ı: "i",
};

/** Outcome of looking up one token, as {@link TokenLookup.status}. */
export type TokenStatus = "known" | "mapped" | "ignored" | "unknown";

/** Result of looking up one token: the vocabulary words that replace it. */
export interface TokenLookup {
  /** The token, as `tokenize` returned it. */
  token: string;
  /**
   * `known`: the token is a vocabulary word. `mapped`: a rule found its
   * words (`n't` -> `not`, `café` -> `cafe`, `10-year` -> `year`).
   * `ignored`: a single letter, number or possessive `'s`, which the
   * vocabulary never contains. `unknown`: none of these.
   */
  status: TokenStatus;
  /** Vocabulary words that replace the token, in order. */
  words: string[];
  /** Rows of `words` in the vocabulary. */
  indices: number[];
  /** Parts of the token the vocabulary lacks (the token itself, or parts). */
  unknown: string[];
  /** Parts of the token the vocabulary never contains. */
  ignored: string[];
}

/** Vocabulary words and skipped tokens of a token sequence, concatenated. */
export interface GatheredTokens {
  /** Vocabulary words that replace the tokens, in order. */
  used: string[];
  /** Rows of `used` in the vocabulary. */
  usedIndices: number[];
  /** Tokens or parts missing from the vocabulary. */
  unknown: string[];
  /** Tokens or parts the vocabulary never contains. */
  ignored: string[];
}

const DIGIT_FIRST = /^\p{N}/u;
const LATIN_LETTER = /^\p{Script=Latin}\p{M}*$/u;
const NON_ASCII = /[^\x00-\x7F]/u;
const COMPOUND = /[-']/u;

/**
 * Tells whether the vocabulary never contains `token`: a single Latin
 * letter (`i`, `a`) or a token starting with a digit (`2`, `1990`, `3rd`,
 * `3.14`). GloVe's shipped vocabulary has no such word.
 */
export function isNeverInVocabulary(token: string): boolean {
  return DIGIT_FIRST.test(token) || LATIN_LETTER.test(token);
}

/**
 * Looks up each token in `vectors`, applying the mapping rules
 * ({@link PIECE_WORDS}, `'s`, accents folded, hyphenated words split into
 * their parts when the whole is missing).
 */
export function lookupTokens(
  vectors: WordVectors,
  tokens: readonly string[],
): TokenLookup[] {
  return tokens.map((token, i) =>
    lookupToken(vectors, token, tokens[i - 1], tokens[i + 1]),
  );
}

/**
 * Looks up `tokens` as {@link lookupTokens} does and concatenates the
 * results. A token that is itself a vocabulary word takes a fast path with
 * no allocation.
 */
export function gatherTokens(
  vectors: WordVectors,
  tokens: readonly string[],
): GatheredTokens {
  const gathered: GatheredTokens = {
    used: [],
    usedIndices: [],
    unknown: [],
    ignored: [],
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const contextual =
      token === "'s" ||
      (next === "n't" && ownValue(STEMS_BEFORE_NOT, token) !== undefined);
    const index = contextual ? -1 : vectors.indexOf(token);
    if (index >= 0) {
      gathered.used.push(token);
      gathered.usedIndices.push(index);
      continue;
    }
    const lookup = lookupToken(vectors, token, tokens[i - 1], next);
    gathered.used.push(...lookup.words);
    gathered.usedIndices.push(...lookup.indices);
    gathered.unknown.push(...lookup.unknown);
    gathered.ignored.push(...lookup.ignored);
  }
  return gathered;
}

/** Returns `record[key]` for an own key only, so `constructor` is absent. */
function ownValue(
  record: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function lookupToken(
  vectors: WordVectors,
  token: string,
  previous: string | undefined,
  next: string | undefined,
): TokenLookup {
  const contextual = contextualWord(token, previous, next);
  if (contextual === null) return result(token, "ignored", [], [], [token]);
  if (contextual !== undefined) return mapped(vectors, token, [contextual]);
  const index = vectors.indexOf(token);
  if (index >= 0) return result(token, "known", [token], [index]);
  const piece = ownValue(PIECE_WORDS, token);
  if (piece !== undefined) return mapped(vectors, token, [piece]);
  const folded = foldAccents(token);
  if (folded !== token && vectors.indexOf(folded) >= 0) {
    return mapped(vectors, token, [folded]);
  }
  if (COMPOUND.test(token)) return lookupParts(vectors, token);
  if (isNeverInVocabulary(token)) {
    return result(token, "ignored", [], [], [token]);
  }
  return result(token, "unknown", [], [], [], [token]);
}

/**
 * Returns the word that replaces a token in its context, `null` when the
 * context makes it a possessive `'s`, or undefined when the context does
 * not matter.
 */
function contextualWord(
  token: string,
  previous: string | undefined,
  next: string | undefined,
): string | null | undefined {
  if (token === "'s") {
    if (previous !== undefined && IS_BEFORE_S.has(previous)) return "is";
    return previous === "let" ? "us" : null;
  }
  if (next === "n't") return ownValue(STEMS_BEFORE_NOT, token);
  return undefined;
}

function mapped(
  vectors: WordVectors,
  token: string,
  words: string[],
): TokenLookup {
  const indices = words.map((word) => vectors.indexOf(word));
  if (indices.some((index) => index < 0)) {
    return result(token, "unknown", [], [], [], [token]);
  }
  return result(token, "mapped", words, indices);
}

/** Looks up the parts of `well-known`-like tokens the vocabulary lacks. */
function lookupParts(vectors: WordVectors, token: string): TokenLookup {
  const words: string[] = [];
  const indices: number[] = [];
  const unknown: string[] = [];
  const ignored: string[] = [];
  for (const part of token.split(/[-']+/u)) {
    if (part === "") continue;
    const word = vectors.indexOf(part) >= 0 ? part : foldAccents(part);
    const index = vectors.indexOf(word);
    if (index >= 0) {
      words.push(word);
      indices.push(index);
    } else if (isNeverInVocabulary(part)) ignored.push(part);
    else unknown.push(part);
  }
  if (words.length > 0) {
    return result(token, "mapped", words, indices, ignored, unknown);
  }
  if (unknown.length > 0) return result(token, "unknown", [], [], [], [token]);
  return result(token, "ignored", [], [], [token]);
}

function result(
  token: string,
  status: TokenStatus,
  words: string[],
  indices: number[],
  ignored: string[] = [],
  unknown: string[] = [],
): TokenLookup {
  return { token, status, words, indices, unknown, ignored };
}

/**
 * Folds accented and ligature letters to ASCII: `café` -> `cafe`,
 * `cœur` -> `coeur`. The shipped vocabulary contains ASCII words only.
 */
export function foldAccents(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[æœßøđłı]/gu, (letter) => ownValue(LIGATURES, letter) ?? letter)
    .normalize("NFC");
}
