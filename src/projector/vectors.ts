import { endianness } from "node:os";

import { UsageError } from "../errors.js";
import type { ProgressCallback } from "../io/logger.js";
import { FileSink } from "./file-sink.js";
import type { FileSummary } from "./file-summary.js";
import { checkDigits, MAX_FLOAT_BYTES, writeFloat32 } from "./format-float.js";

/** Rows of vectors in chunks; each chunk holds k rows x dim, row-major. */
export type RowChunks = AsyncIterable<Float32Array> | Iterable<Float32Array>;

/** Options of {@link writeVectorsTsv} and {@link writeVectorsBytes}. */
export interface VectorWriteOptions {
  /** Significant digits per number in a TSV, 1..9; default 6. */
  digits?: number;
  /** Receives (fraction, stage) after each written block. */
  onProgress?: ProgressCallback;
  /** Expected row count, for progress fractions; none by default. */
  totalRows?: number;
}

/** Bytes gathered before one write to disk. */
const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Writes `chunks` to `path` as a vectors TSV: one row per point, `dim`
 * tab-separated numbers rounded to `digits` significant digits (see
 * formatFloat), LF line ends and a final newline. Streams in blocks and
 * renames a temporary file into place when done. Throws a UsageError
 * naming the row and column of a NaN or infinite value, leaving `path`
 * untouched.
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
  const rowBytes = dim * (MAX_FLOAT_BYTES + 1);
  const size = Math.max(BLOCK_BYTES, 2 * rowBytes);
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  const sink = await FileSink.open(path);
  try {
    let buffer = buffers[0]!;
    let pos = 0;
    let row = 0;
    for await (const chunk of chunks) {
      const rows = checkChunk(chunk, dim, row, "writeVectorsTsv");
      for (let r = 0; r < rows; r++, row++) {
        if (pos + rowBytes > buffer.length) {
          await sink.write(buffer.subarray(0, pos));
          buffer = buffer === buffers[0] ? buffers[1]! : buffers[0]!;
          pos = 0;
          reportProgress(options, row, path);
        }
        pos = writeRow(buffer, pos, chunk, r * dim, dim, digits, row);
      }
    }
    await sink.write(buffer.subarray(0, pos));
    const summary = await sink.commit(row);
    reportProgress(options, row, path);
    return summary;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Writes one TSV row ending in LF and returns the position after it. */
function writeRow(
  out: Buffer,
  pos: number,
  chunk: Float32Array,
  start: number,
  dim: number,
  digits: number,
  row: number,
): number {
  for (let c = 0; c < dim; c++) {
    const value = chunk[start + c]!;
    if (value - value !== 0) throw nonFinite(value, row, c);
    pos = writeFloat32(out, pos, value, digits);
    out[pos++] = c === dim - 1 ? 0x0a : 0x09;
  }
  return pos;
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
          throw nonFinite(value, row + Math.floor(i / dim), i % dim);
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
      `${operation}: the chunk starting at row ${row} holds ${chunk.length} values; expected a Float32Array of whole rows of ${dim}. Pass k x ${dim} values per chunk.`,
    );
  }
  return chunk.length / dim;
}

function nonFinite(value: number, row: number, column: number): UsageError {
  return new UsageError(
    `writing vectors: row ${row} (0-based), column ${column} is ${value}; expected a finite number, because the projector cannot show NaN or infinite coordinates. Fix or drop that row before writing.`,
  );
}

function reportProgress(
  options: VectorWriteOptions,
  row: number,
  path: string,
): void {
  if (!options.onProgress) return;
  const total = options.totalRows;
  const fraction = total && total > 0 ? Math.min(1, row / total) : 0;
  options.onProgress(fraction, `writing ${path}`);
}
