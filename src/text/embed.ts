import type { WordVectors } from "../embeddings/index.js";
import { UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { gatherTokens } from "./lookup.js";
import {
  emptySentenceError,
  ignoredTokensMessage,
  noKnownTokensError,
  noKnownWordError,
  unknownTokensMessage,
} from "./messages.js";
import { tokenize } from "./tokenize.js";

/** Tells how a sentence became a vector. */
export interface SentenceEmbedding {
  /** The sentence as given. */
  text: string;
  /** Its tokens, from {@link tokenize}. */
  tokens: string[];
  /** Vocabulary words averaged, after mapping pieces such as `n't` -> `not`. */
  used: string[];
  /** Rows of `used` in the vocabulary. */
  usedIndices: number[];
  /** Tokens (or parts of hyphenated tokens) missing from the vocabulary. */
  unknown: string[];
  /** Single letters, numbers and possessive `'s`, logged at debug level only. */
  ignored: string[];
  /** The mean of the used words' vectors (float32, `vectors.dim` numbers). */
  vector: Float32Array;
}

/** Options of {@link embedSentence}. */
export interface EmbedOptions {
  /**
   * Logger for the unknown-token warning and the ignored-token debug line.
   * Default: silent.
   */
  logger?: Logger;
  /** Number of the sentence in messages, counted from 1. Default: 1. */
  position?: number;
}

/**
 * Embeds a sentence as the mean of its known tokens' GloVe vectors. Warns
 * (on `options.logger`) about tokens the vocabulary lacks, and reports
 * ignored single letters and numbers as debug lines. Throws a UsageError
 * for an empty or whitespace-only sentence and for one with no known word,
 * naming its tokens.
 */
export function embedSentence(
  vectors: WordVectors,
  text: string,
  options: EmbedOptions = {},
): SentenceEmbedding {
  const position = options.position ?? 1;
  const tokens = tokenize(text);
  if (tokens.length === 0) throw emptySentenceError(text, position);
  const gathered = gatherTokens(vectors, tokens);
  const { unknown, ignored, usedIndices } = gathered;
  if (usedIndices.length === 0) {
    throw noKnownWordError(text, position, unknown, ignored);
  }
  // Building the messages costs more than embedding a short sentence.
  const logger = options.logger;
  if (logger && ignored.length > 0) {
    logger.debug(ignoredTokensMessage(text, position, ignored));
  }
  if (logger && unknown.length > 0) {
    logger.warn(unknownTokensMessage(text, position, unknown));
  }
  const vector = meanOfRows(vectors, usedIndices);
  return { text, tokens, ...gathered, vector };
}

/**
 * Returns the mean vector of the known tokens in `tokens` (the same rules
 * and the same float32 result as {@link embedSentence}), without logging:
 * the fast path for trying word swaps. Throws a UsageError when no token
 * is known.
 */
export function embedTokens(
  vectors: WordVectors,
  tokens: readonly string[],
): Float32Array {
  const { usedIndices } = gatherTokens(vectors, tokens);
  if (usedIndices.length === 0) throw noKnownTokensError(tokens);
  return meanOfRows(vectors, usedIndices);
}

/**
 * Returns the mean of the rows `indices` of `vectors`: each dimension is
 * summed in float64, row by row in the given order, and rounded once to
 * float32. Throws a UsageError for an empty `indices`.
 */
export function meanOfRows(
  vectors: WordVectors,
  indices: readonly number[],
): Float32Array {
  if (indices.length === 0) {
    throw new UsageError(
      `meanOfRows: received no row index; pass at least one row of the ${vectors.words.length}-word vocabulary.`,
    );
  }
  const { dim, matrix } = vectors;
  const count = indices.length;
  const mean = new Float32Array(dim);
  // One float64 sum per dimension, adding the rows in order.
  for (let d = 0; d < dim; d++) {
    let sum = 0;
    for (let r = 0; r < count; r++) sum += matrix[indices[r]! * dim + d]!;
    mean[d] = sum / count;
  }
  return mean;
}
