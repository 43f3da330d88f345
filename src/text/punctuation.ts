import type { WordVectors } from "../embeddings/index.js";

const PUNCTUATION_OR_SYMBOLS = /^[\p{P}\p{S}]+$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * Tells whether `word` is made only of punctuation and symbols (`,`, `...`,
 * `$`, `“`), with no letter, digit or emoji: a word that reads as no word
 * when put in a sentence.
 */
export function isPunctuationOnly(word: string): boolean {
  return PUNCTUATION_OR_SYMBOLS.test(word) && !EMOJI.test(word);
}

/**
 * Lists the rows of `vectors` whose word is punctuation only, in row order,
 * so a search over words can leave them out.
 */
export function punctuationOnlyIndices(vectors: WordVectors): number[] {
  const indices: number[] = [];
  vectors.words.forEach((word, index) => {
    if (isPunctuationOnly(word)) indices.push(index);
  });
  return indices;
}
