/** Input formats `textdream export` reads. */
export const INPUT_FORMATS = [
  "glove",
  "word2vec-text",
  "word2vec-binary",
  "npy",
  "json",
] as const;

/** One of {@link INPUT_FORMATS}. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * A block of consecutive output rows: `matrix` contains `words.length` rows of
 * `dim` float32 values, row-major. `rowOffset` is the output index of the
 * first row.
 */
export interface RowChunk {
  words: string[];
  matrix: Float32Array;
  rowOffset: number;
}

/** Counts of everything a reader skipped, replaced or disagreed with. */
export interface ReadReport {
  /** Input rows seen, whether kept or not. */
  rowsRead: number;
  /** Rows written to the output. */
  rowsKept: number;
  /** Rows dropped because their word appeared earlier. */
  duplicates: number;
  /** Rows dropped for NaN or Infinity (with `dropNonfinite`). */
  nonfinite: number;
  /** Rows dropped for a wrong field count (with `skipBadRows`). */
  badRows: number;
  /** Words whose bytes were not valid UTF-8 and were decoded with U+FFFD. */
  invalidUtf8: number;
  /** All-zero rows left as they are by `normalize`. */
  zeroRows: number;
  /** Row count announced by the file's header, when it has one. */
  headerRows?: number;
  /** Requested words (from `words`) absent from the input, in order. */
  missingWords: string[];
}

/** Returns a report with every count at zero. */
export function emptyReport(): ReadReport {
  return {
    rowsRead: 0,
    rowsKept: 0,
    duplicates: 0,
    nonfinite: 0,
    badRows: 0,
    invalidUtf8: 0,
    zeroRows: 0,
    missingWords: [],
  };
}
