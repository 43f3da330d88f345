import type { WordVectors } from "../embeddings/index.js";
import { lookupTokens } from "../text/index.js";

/**
 * Returns, for each token, the vocabulary row a swap may replace: the row
 * of a token that is itself a vocabulary word, or -1 for a token that is
 * mapped (`n't` -> `not`), ignored or unknown, which stays as it is.
 */
export function resolveTokenWords(
  vectors: WordVectors,
  tokens: readonly string[],
): number[] {
  return lookupTokens(vectors, tokens).map((lookup) =>
    lookup.status === "known" ? lookup.indices[0]! : -1,
  );
}

/** Counts the vocabulary words averaged into the vector of `tokens`. */
export function usedWordCount(
  vectors: WordVectors,
  tokens: readonly string[],
): number {
  return lookupTokens(vectors, tokens).reduce(
    (sum, lookup) => sum + lookup.indices.length,
    0,
  );
}
