import { createWordVectors } from "../../src/embeddings/index.js";
import type { WordVectors } from "../../src/embeddings/index.js";

/**
 * Words of the small test vocabulary. Like GloVe's, it contains no single
 * letter, digit or contraction piece, but it contains `ca` and `wo`.
 */
export const SMALL_WORDS = [
  "the",
  ",",
  ".",
  "not",
  "do",
  "is",
  "it",
  "are",
  "will",
  "have",
  "am",
  "would",
  "us",
  "let",
  "ca",
  "wo",
  "shall",
  "love",
  "hate",
  "this",
  "show",
  "cafe",
  "well-known",
  "year",
  "clock",
  "great",
  "\u2026",
  "-",
  "$",
  "!",
  "john",
  "car",
];

/**
 * Builds a WordVectors over {@link SMALL_WORDS} with dimension 3: the row of
 * word i is [i, 10 + i, -i], so a mean is easy to compute by hand.
 */
export function smallVectors(words: string[] = SMALL_WORDS): WordVectors {
  const matrix = new Float32Array(words.length * 3);
  words.forEach((_, i) => matrix.set([i, 10 + i, -i], i * 3));
  return createWordVectors(words, matrix, 3);
}

/** Returns the vector the small vocabulary gives the mean of `words`. */
export function expectedMean(words: readonly string[]): number[] {
  const rows = words.map((word) => SMALL_WORDS.indexOf(word));
  const mean = (f: (i: number) => number) =>
    rows.reduce((sum, i) => sum + f(i), 0) / rows.length;
  return [mean((i) => i), mean((i) => 10 + i), mean((i) => -i)];
}

/** Creates a logger that records every message with its level. */
export function recordingLogger(): {
  debug: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  lines: { level: string; message: string }[];
} {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    debug: (message) => lines.push({ level: "debug", message }),
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
  };
}
