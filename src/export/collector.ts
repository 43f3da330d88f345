import { FileFormatError } from "../errors.js";
import type { ReadReport, RowChunk } from "./types.js";
import { emptyReport } from "./types.js";
import { WordStore } from "./word-store.js";

/** Float32 values per output chunk: 1 MiB of vectors. */
const CHUNK_VALUES = 256 * 1024;

/** Choices that decide which input rows reach the output, and how. */
export interface CollectorOptions {
  /** Values per row. */
  dim: number;
  /** Rows of the input to read at most; all by default. */
  limit?: number;
  /** Words to keep, in output order; all rows by default. */
  words?: readonly string[];
  /** Scales each row to unit L2 length; false by default. */
  normalize?: boolean;
  /** Drops rows holding NaN or Infinity instead of failing; false by default. */
  dropNonfinite?: boolean;
  /** Counts rows with a wrong field count instead of failing; false by default. */
  skipBadRows?: boolean;
  /** True when rows are named by a word that must be unique. */
  keyed: boolean;
}

/**
 * Gathers rows from a reader into chunks, applying the limit, the word
 * filter, duplicate and non-finite rules and normalization. A reader calls
 * {@link RowCollector.begin}, fills `matrix` at the returned offset, then
 * calls {@link RowCollector.commit}.
 */
export class RowCollector {
  readonly dim: number;
  readonly report: ReadReport = emptyReport();
  /** Kept words in output order when keyed without a word filter. */
  private readonly seen = new WordStore();
  /** Input row index of each kept row, in output order. */
  sourceRows = new Uint32Array(1024);
  /** The chunk being filled; readers write rows at offsets from `begin`. */
  matrix: Float32Array;
  /** The bytes of `matrix`, for readers that copy raw float32. */
  matrixBytes: Uint8Array;
  /** The other chunk buffer: the writer is done with it once asked for more. */
  private spare: Float32Array;
  private readonly options: CollectorOptions;
  private readonly chunkRows: number;
  private readonly wanted: Set<string> | undefined;
  private readonly found = new Map<string, [Float32Array, number]>();
  private words: string[] = [];
  private readonly ordered: string[] = [];
  private count = 0;
  private rowOffset = 0;
  private pendingWord = "";

  constructor(options: CollectorOptions) {
    this.options = options;
    this.dim = options.dim;
    this.chunkRows = Math.max(1, Math.floor(CHUNK_VALUES / options.dim));
    this.matrix = new Float32Array(this.chunkRows * options.dim);
    this.matrixBytes = new Uint8Array(this.matrix.buffer);
    this.spare = new Float32Array(this.chunkRows * options.dim);
    this.wanted = options.words ? new Set(options.words) : undefined;
  }

  /** Returns true once no further input row can change the output. */
  get done(): boolean {
    const { limit } = this.options;
    if (limit !== undefined && this.report.rowsRead >= limit) return true;
    return this.wanted !== undefined && this.found.size === this.wanted.size;
  }

  /** Returns true when a chunk is ready for {@link RowCollector.take}. */
  get full(): boolean {
    return this.count === this.chunkRows;
  }

  /**
   * Starts input row `word` and returns the index in `matrix` where its
   * values go, or -1 when the row is not kept (duplicate or not wanted).
   */
  begin(word: string): number {
    this.report.rowsRead += 1;
    const { keyed } = this.options;
    const repeated = this.wanted
      ? this.found.has(word)
      : keyed && this.seen.has(word);
    if (repeated) {
      this.report.duplicates += 1;
      return -1;
    }
    if (this.wanted && !this.wanted.has(word)) return -1;
    this.pendingWord = word;
    return this.count * this.dim;
  }

  /**
   * Finishes the row started by {@link RowCollector.begin}: checks that its
   * values are finite and keeps it. `where` names the row for messages.
   */
  commit(where: () => string): void {
    const start = this.count * this.dim;
    const row = this.matrix.subarray(start, start + this.dim);
    if (!allFinite(row)) {
      if (!this.options.dropNonfinite) {
        throw new FileFormatError(
          `Reading ${where()} failed: the vector contains NaN or Infinity (${describeNonfinite(row)}). Fix the file, or pass --drop-nonfinite to drop such rows.`,
        );
      }
      this.report.nonfinite += 1;
      return;
    }
    if (this.options.normalize && !normalizeRow(row)) {
      this.report.zeroRows += 1;
    }
    this.keep(row);
  }

  /** Handles a row with a wrong field count: fails, or counts it. */
  badRow(message: string): void {
    this.report.rowsRead += 1;
    if (!this.options.skipBadRows) {
      throw new FileFormatError(
        `${message}. Fix the file, or pass --skip-bad-rows to skip such rows.`,
      );
    }
    this.report.badRows += 1;
  }

  /**
   * Returns the rows gathered so far as a chunk and starts the next one in
   * the spare buffer: a chunk stays valid until the following `take`.
   */
  take(): RowChunk {
    const chunk: RowChunk = {
      words: this.words,
      matrix: this.matrix.subarray(0, this.count * this.dim),
      rowOffset: this.rowOffset,
    };
    this.rowOffset += this.count;
    this.words = [];
    this.count = 0;
    [this.matrix, this.spare] = [this.spare, this.matrix];
    this.matrixBytes = new Uint8Array(this.matrix.buffer);
    return chunk;
  }

  /**
   * Yields the last chunks: the partial one, or the filtered words in the
   * requested order. Each is valid until the next is requested.
   */
  *finish(): Generator<RowChunk> {
    if (this.wanted) {
      for (const word of this.options.words ?? []) {
        const entry = this.found.get(word);
        if (!entry) {
          this.report.missingWords.push(word);
          continue;
        }
        this.ordered.push(word);
        this.matrix.set(entry[0], this.count * this.dim);
        this.recordRow(word, entry[1]);
        if (this.full) yield this.take();
      }
    }
    if (this.count > 0) yield this.take();
  }

  /** Returns the words of kept rows in output order (keyed inputs). */
  keptWords(): Iterable<string> {
    return this.wanted ? this.ordered : this.seen.words();
  }

  private keep(row: Float32Array): void {
    const source = this.report.rowsRead - 1;
    if (this.wanted) {
      this.found.set(this.pendingWord, [row.slice(), source]);
      return;
    }
    // The word was staged by `seen.has` in `begin`.
    if (this.options.keyed) this.seen.addStaged();
    this.recordRow(this.pendingWord, source);
  }

  private recordRow(word: string, source: number): void {
    const kept = this.report.rowsKept;
    if (kept === this.sourceRows.length) {
      const grown = new Uint32Array(kept * 2);
      grown.set(this.sourceRows);
      this.sourceRows = grown;
    }
    this.sourceRows[kept] = source;
    this.report.rowsKept += 1;
    this.words.push(word);
    this.count += 1;
  }
}

function allFinite(row: Float32Array): boolean {
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += row[i]! * 0;
  return sum === 0;
}

function describeNonfinite(row: Float32Array): string {
  const index = row.findIndex((value) => !Number.isFinite(value));
  return `value ${index + 1} of ${row.length} is ${row[index]}`;
}

function normalizeRow(row: Float32Array): boolean {
  let squares = 0;
  for (let i = 0; i < row.length; i++) squares += row[i]! * row[i]!;
  if (squares === 0) return false;
  const scale = 1 / Math.sqrt(squares);
  for (let i = 0; i < row.length; i++) row[i] = row[i]! * scale;
  return true;
}
