import { endianness } from "node:os";
import { basename } from "node:path";

import { UsageError } from "../errors.js";
import type { ProgressCallback } from "../io/logger.js";
import { FileSink } from "./file-sink.js";
import type { FileSummary } from "./file-summary.js";
import { checkDigits } from "./format-float.js";
import { TsvBlockWriter } from "./tsv-blocks.js";
import { TsvFormatPool } from "./tsv-pool.js";
import { nonFiniteError } from "./tsv-rows.js";

/** Rows of vectors in chunks; each chunk contains k rows x dim, row-major. */
export type RowChunks = AsyncIterable<Float32Array> | Iterable<Float32Array>;

/** Options of {@link writeVectorsTsv} and {@link writeVectorsBytes}. */
export interface VectorWriteOptions {
  /** Significant digits per number in a TSV, 1..9; default 6. */
  digits?: number;
  /** Receives (fraction, stage) after each written block. */
  onProgress?: ProgressCallback;
  /** Expected row count, for progress fractions; none by default. */
  totalRows?: number;
  /**
   * Worker threads formatting a large TSV; 0 formats on the calling
   * thread. Default: the number of cores, at most 2. Files under about
   * 2,000,000 numbers always use the calling thread.
   */
  threads?: number;
}

/**
 * Writes `chunks` to `path` as a vectors TSV: one row per point, `dim`
 * tab-separated numbers rounded to `digits` significant digits (see
 * formatFloat), LF line ends and a final newline. Streams in blocks,
 * formats large files on worker threads, and renames a temporary file into
 * place when done. Throws a UsageError naming the row and column of a NaN
 * or infinite value, leaving `path` untouched.
 */
export async function writeVectorsTsv(
  path: string,
  dim: number,
  chunks: RowChunks,
  options: VectorWriteOptions = {},
): Promise<FileSummary> {
  const digits = options.digits ?? 6;
  checkDigits(digits, "writeVectorsTsv");
  checkDim(dim, "writeVectorsTsv");
  const sink = await FileSink.open(path);
  const writer = new TsvBlockWriter(sink, {
    dim,
    digits,
    threads: options.threads ?? TsvFormatPool.defaultThreads(),
    totalRows: options.totalRows,
    onRows: (rows) => reportProgress(options, rows, path),
  });
  try {
    let row = 0;
    for await (const chunk of chunks) {
      row += checkChunk(chunk, dim, row, "writeVectorsTsv");
      await writer.add(chunk);
    }
    const rows = await writer.finish();
    await writer.close();
    const summary = await sink.commit(rows);
    reportProgress(options, rows, path);
    return summary;
  } catch (error) {
    await writer.close();
    await sink.abort();
    throw error;
  }
}

/**
 * Writes `chunks` to `path` as raw little-endian float32, which the
 * projector reads when the path ends in `.bytes`. Atomic like
 * {@link writeVectorsTsv}; throws a UsageError naming the row of a NaN or
 * infinite value.
 */
export async function writeVectorsBytes(
  path: string,
  dim: number,
  chunks: RowChunks,
  options: VectorWriteOptions = {},
): Promise<FileSummary> {
  checkDim(dim, "writeVectorsBytes");
  const swap = endianness() === "BE";
  const sink = await FileSink.open(path);
  try {
    let row = 0;
    for await (const chunk of chunks) {
      const rows = checkChunk(chunk, dim, row, "writeVectorsBytes");
      for (let i = 0; i < chunk.length; i++) {
        const value = chunk[i]!;
        if (value - value !== 0) {
          throw nonFiniteError(value, row + Math.floor(i / dim), i % dim);
        }
      }
      const bytes = Buffer.from(
        chunk.buffer,
        chunk.byteOffset,
        chunk.length * 4,
      );
      // The copy keeps the caller free to reuse its chunk at once.
      const copy = Buffer.from(bytes);
      if (swap) copy.swap32();
      await sink.write(copy);
      row += rows;
      reportProgress(options, row, path);
    }
    return await sink.commit(row);
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

function checkDim(dim: number, operation: string): void {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new UsageError(
      `${operation}: received dim ${dim}; expected a whole number of at least 1. Pass the vector width.`,
    );
  }
}

function checkChunk(
  chunk: Float32Array,
  dim: number,
  row: number,
  operation: string,
): number {
  if (!(chunk instanceof Float32Array) || chunk.length % dim !== 0) {
    throw new UsageError(
      `${operation}: the chunk starting at row ${row} contains ${chunk.length} values; expected a Float32Array of whole rows of ${dim}. Pass k x ${dim} values per chunk.`,
    );
  }
  return chunk.length / dim;
}

function reportProgress(
  options: VectorWriteOptions,
  row: number,
  path: string,
): void {
  if (!options.onProgress) return;
  const total = options.totalRows;
  const fraction = total && total > 0 ? Math.min(1, row / total) : 0;
  options.onProgress(fraction, `writing ${basename(path)}`);
}
