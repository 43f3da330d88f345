import { availableParallelism } from "node:os";

import { UsageError } from "../errors.js";
import { silentLogger } from "../io/logger.js";
import type { Logger } from "../io/logger.js";
import { JsCandidates, WasmCandidates } from "./candidates.js";
import type { CandidateFinder } from "./candidates.js";
import { cosine, distance, dot, rowNorms } from "./row-math.js";
import type { SearchSource } from "./row-math.js";
import { nativeKernel, nativeKernelProblem } from "./native-kernel.js";
import { kernelModule, kernelProblem } from "./wasm-kernel.js";

/** Similarity measure of a nearest-neighbor search. */
export type Metric = "cosine" | "euclidean";

/** One search result. */
export interface Neighbor {
  /** The row's word, or "" when the index was built without words. */
  word: string;
  /** Row of the matrix, 0-based. */
  index: number;
  /** Cosine similarity (higher is nearer) or euclidean distance (lower). */
  score: number;
}

/** Options of {@link createNeighborIndex}. */
export interface NeighborIndexOptions {
  /** Similarity measure; default "cosine". */
  metric?: Metric;
  /** Searches only the first N rows; default all rows. */
  limit?: number;
  /**
   * Kernel: "native" (AVX2, the default), "wasm" (SIMD) or "js". A kernel
   * that cannot load falls back to the next one. All give the same results.
   */
  kernel?: "native" | "wasm" | "js";
  /** Threads for large searches: 1 or 2; default 2 on 2+ cores. */
  threads?: number;
  /** Receives which kernel is used, with `--verbose`. */
  logger?: Logger;
}

/** Options of {@link NeighborIndex.search}. */
export interface SearchOptions {
  /**
   * Skips row i in the results of query i, for k-NN of the indexed rows
   * themselves; default false.
   */
  excludeSelf?: boolean;
}

/** An exact k-nearest-neighbor index over the rows of a matrix. */
export interface NeighborIndex {
  /** Rows searched. */
  readonly rows: number;
  /** Numbers per row. */
  readonly dim: number;
  /** Similarity measure. */
  readonly metric: Metric;
  /** Kernel in use: "native", "wasm" or "js". */
  readonly kernel: "native" | "wasm" | "js";
  /**
   * Returns the `k` nearest rows of each query (`n x dim` row-major), best
   * first; ties go to the lower row.
   */
  search(
    queries: Float32Array,
    k: number,
    options?: SearchOptions,
  ): Promise<Neighbor[][]>;
  /** Stops the worker thread, if one started. */
  close(): Promise<void>;
}

/**
 * Extra candidates per query found in float32 and then re-scored in
 * float64, so a float32 rounding tie at the k-th place cannot change the
 * result set.
 */
const EXTRA_CANDIDATES = 8;

/**
 * Creates an exact nearest-neighbor index over `vectors.matrix` (kept, not
 * copied; the kernel keeps its own normalised copy). Works on any matrix:
 * a vocabulary, layout points or trajectory vectors.
 */
export function createNeighborIndex(
  vectors: { words?: readonly string[]; dim: number; matrix: Float32Array },
  options: NeighborIndexOptions = {},
): NeighborIndex {
  const { dim, matrix } = vectors;
  if (!Number.isInteger(dim) || dim < 1 || matrix.length % dim !== 0) {
    throw new UsageError(
      `createNeighborIndex: a matrix of ${matrix.length} numbers does not split into rows of ${dim}; pass a whole number of rows and dim >= 1.`,
    );
  }
  const rows = rowLimit(matrix.length / dim, options.limit);
  const metric = options.metric ?? "cosine";
  const norms = rowNorms(matrix, dim, rows);
  const source: SearchSource = { matrix, dim, rows, metric, norms };
  return new ExactIndex(vectors.words, source, createFinder(source, options));
}

function createFinder(
  source: SearchSource,
  options: NeighborIndexOptions,
): CandidateFinder {
  const logger = options.logger ?? silentLogger;
  const requested = options.kernel ?? "native";
  const native = requested === "native" ? nativeKernel() : null;
  if (requested === "native" && !native) {
    logger.debug(`native search kernel unavailable: ${nativeKernelProblem()}`);
  }
  const module = requested === "js" ? null : kernelModule();
  if (requested !== "js" && !module) {
    logger.debug(`WebAssembly search kernel unavailable: ${kernelProblem()}`);
  }
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const finder = module
    ? new WasmCandidates(source, module, threads > 1, native, logger)
    : new JsCandidates(source);
  logger.debug(`nearest-neighbor search uses the ${finder.kernel} kernel`);
  return finder;
}

function rowLimit(available: number, limit: number | undefined): number {
  if (limit === undefined) return available;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > available) {
    throw new UsageError(
      `createNeighborIndex: limit ${limit} is not a whole number from 1 to ${available} rows; pass a limit within the matrix.`,
    );
  }
  return limit;
}

class ExactIndex implements NeighborIndex {
  readonly rows: number;
  readonly dim: number;
  readonly metric: Metric;
  readonly kernel: "native" | "wasm" | "js";
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly words: readonly string[] | undefined,
    private readonly source: SearchSource,
    private readonly finder: CandidateFinder,
  ) {
    this.rows = source.rows;
    this.dim = source.dim;
    this.metric = source.metric;
    this.kernel = finder.kernel;
  }

  search(
    queries: Float32Array,
    k: number,
    options: SearchOptions = {},
  ): Promise<Neighbor[][]> {
    const run = this.queue.then(() => this.searchNow(queries, k, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.finder.close();
  }

  private async searchNow(
    queries: Float32Array,
    k: number,
    options: SearchOptions,
  ): Promise<Neighbor[][]> {
    if (this.closed) {
      throw new UsageError(
        "search neighbors: the index is closed; create a new index with createNeighborIndex.",
      );
    }
    const excludeSelf = options.excludeSelf ?? false;
    const count = checkQueries(queries, this.dim);
    checkK(k, this.rows - (excludeSelf ? 1 : 0));
    const capacity = Math.min(
      this.rows,
      k + EXTRA_CANDIDATES + (excludeSelf ? 1 : 0),
    );
    const candidates = await this.finder.find(queries, count, capacity);
    return candidates.map((rows, query) =>
      this.rank(queries, query, rows, k, excludeSelf),
    );
  }

  /** Re-scores a query's candidates in float64 and keeps the best `k`. */
  private rank(
    queries: Float32Array,
    query: number,
    candidates: Int32Array,
    k: number,
    excludeSelf: boolean,
  ): Neighbor[] {
    const { matrix, dim, metric } = this.source;
    const offset = query * dim;
    const queryNorm = Math.sqrt(dot(queries, offset, queries, offset, dim));
    const scored: Neighbor[] = [];
    for (const row of candidates) {
      if (row < 0 || (excludeSelf && row === query)) continue;
      const score =
        metric === "cosine"
          ? cosine(
              queries,
              offset,
              matrix,
              row * dim,
              dim,
              queryNorm * this.source.norms[row]!,
            )
          : distance(queries, offset, matrix, row * dim, dim);
      scored.push({ word: this.words?.[row] ?? "", index: row, score });
    }
    const sign = metric === "cosine" ? -1 : 1;
    scored.sort((a, b) => sign * (a.score - b.score) || a.index - b.index);
    return scored.slice(0, k);
  }
}

function checkQueries(queries: Float32Array, dim: number): number {
  if (queries.length === 0 || queries.length % dim !== 0) {
    throw new UsageError(
      `search neighbors: ${queries.length} query numbers do not split into rows of ${dim}; pass n x ${dim} numbers with n >= 1.`,
    );
  }
  for (let i = 0; i < queries.length; i++) {
    if (!Number.isFinite(queries[i]!)) {
      throw new UsageError(
        `search neighbors: query ${Math.floor(i / dim)} has the value ${queries[i]} at dimension ${i % dim}; pass finite numbers.`,
      );
    }
  }
  return queries.length / dim;
}

function checkK(k: number, available: number): void {
  if (!Number.isSafeInteger(k) || k < 1 || k > available) {
    throw new UsageError(
      `search neighbors: k ${k} is not a whole number from 1 to ${available}; pass a k no larger than the rows searched.`,
    );
  }
}
