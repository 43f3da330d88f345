import { cosine, distance, dot } from "./row-math.js";
import type { SearchSource } from "./row-math.js";
import type { Logger } from "../io/logger.js";
import type { NativeKernel } from "./native-kernel.js";
import { SearchWorker } from "./search-pool.js";
import type { SearchCall } from "./search-pool.js";
import { instantiateKernel, KernelMemory } from "./wasm-kernel.js";
import type { KernelModule, SearchGroups } from "./wasm-kernel.js";

/** Finds, per query, a superset of its best rows for exact re-scoring. */
export interface CandidateFinder {
  readonly kernel: "native" | "wasm" | "js";
  /** Returns up to `capacity` best rows per query (more with two threads). */
  find(
    queries: Float32Array,
    count: number,
    capacity: number,
  ): Promise<Int32Array[]>;
  close(): Promise<void>;
}

/** Words per group in the kernel's interleaved layout. */
const LANES = 8;
/**
 * Multiply-adds per search above which a worker thread scores half the
 * rows: about 10 ms of single-thread work, well above a worker round trip.
 */
const PARALLEL_WORK = 20_000_000;

/**
 * Scores rows in float64 with plain JavaScript, keeping the `capacity`
 * best per query: the fallback when the SIMD kernel cannot load.
 */
export class JsCandidates implements CandidateFinder {
  readonly kernel = "js";

  constructor(private readonly source: SearchSource) {}

  async find(
    queries: Float32Array,
    count: number,
    capacity: number,
  ): Promise<Int32Array[]> {
    const results: Int32Array[] = [];
    for (let query = 0; query < count; query++) {
      results.push(this.findOne(queries, query, capacity));
    }
    return results;
  }

  async close(): Promise<void> {}

  private findOne(
    queries: Float32Array,
    query: number,
    capacity: number,
  ): Int32Array {
    const { matrix, dim, rows, metric, norms } = this.source;
    const offset = query * dim;
    const queryNorm = Math.sqrt(dot(queries, offset, queries, offset, dim));
    // Higher is better in `best`, so distances are negated.
    const best = new Float64Array(capacity).fill(-Infinity);
    const bestRows = new Int32Array(capacity).fill(-1);
    for (let row = 0; row < rows; row++) {
      const score =
        metric === "cosine"
          ? cosine(
              queries,
              offset,
              matrix,
              row * dim,
              dim,
              queryNorm * norms[row]!,
            )
          : -distance(queries, offset, matrix, row * dim, dim);
      if (score > best[capacity - 1]!) insertSorted(best, bestRows, score, row);
    }
    return bestRows;
  }
}

function insertSorted(
  best: Float64Array,
  bestRows: Int32Array,
  score: number,
  row: number,
): void {
  let i = best.length - 1;
  while (i > 0 && score > best[i - 1]!) {
    best[i] = best[i - 1]!;
    bestRows[i] = bestRows[i - 1]!;
    i--;
  }
  best[i] = score;
  bestRows[i] = row;
}

/**
 * Scores rows with the WebAssembly SIMD kernel (or the native AVX2 kernel,
 * which reads the same memory) over a normalised float32 copy laid out in
 * groups of 8 rows. Large searches split the rows over two threads.
 */
export class WasmCandidates implements CandidateFinder {
  readonly kernel: "native" | "wasm";
  private readonly memory = new KernelMemory();
  private readonly searchGroups: SearchGroups;
  private readonly width: number;
  private readonly groups: number;
  private readonly wordsOffset: number;
  private worker: SearchWorker | undefined;

  constructor(
    private readonly source: SearchSource,
    private readonly module: KernelModule,
    private readonly parallel: boolean,
    private readonly native: NativeKernel | null,
    private readonly logger: Logger,
  ) {
    this.kernel = native ? "native" : "wasm";
    this.searchGroups = instantiateKernel(module, this.memory.memory);
    // Euclidean ranks by q.w - |w|^2 / 2, so rows gain one dimension.
    this.width = source.metric === "cosine" ? source.dim : source.dim + 1;
    this.groups = Math.ceil(source.rows / LANES);
    const length = this.groups * this.width * LANES;
    this.wordsOffset = this.memory.allocate(length * 4);
    this.layOut(this.memory.floats(this.wordsOffset, length));
  }

  private layOut(target: Float32Array): void {
    const { matrix, dim, rows, metric, norms } = this.source;
    const width = this.width;
    for (let row = 0; row < rows; row++) {
      const base = (row >> 3) * width * LANES + (row & 7);
      const scale =
        metric === "cosine" && norms[row]! > 0 ? 1 / norms[row]! : 1;
      const from = row * dim;
      for (let d = 0; d < dim; d++) {
        target[base + d * LANES] = matrix[from + d]! * scale;
      }
      if (metric === "euclidean") {
        target[base + dim * LANES] = -0.5 * norms[row]! * norms[row]!;
      }
    }
  }

  async find(
    queries: Float32Array,
    count: number,
    capacity: number,
  ): Promise<Int32Array[]> {
    const mark = this.memory.mark();
    try {
      const queriesOffset = this.writeQueries(queries, count);
      const work = count * this.source.rows * this.width;
      const parts = this.parallel && work >= PARALLEL_WORK ? 2 : 1;
      const lists: Array<{ rows: number }> = [];
      const calls: SearchCall[] = [];
      for (let part = 0; part < parts; part++) {
        const from = Math.floor((this.groups * part) / parts);
        const to = Math.floor((this.groups * (part + 1)) / parts);
        const scores = this.memory.allocate(count * capacity * 4);
        const rows = this.memory.allocate(count * capacity * 4);
        this.memory.floats(scores, count * capacity).fill(-Infinity);
        this.memory.ints(rows, count * capacity).fill(-1);
        lists.push({ rows });
        calls.push([
          this.wordsOffset,
          from,
          to,
          this.source.rows,
          this.width,
          queriesOffset,
          count,
          capacity,
          scores,
          rows,
        ]);
      }
      await this.runCalls(calls);
      return this.collect(lists, count, capacity);
    } finally {
      this.memory.release(mark);
    }
  }

  private writeQueries(queries: Float32Array, count: number): number {
    const { dim, metric } = this.source;
    const width = this.width;
    const padded = Math.ceil(count / 4) * 4;
    const offset = this.memory.allocate(padded * width * 4);
    const target = this.memory.floats(offset, padded * width).fill(0);
    for (let query = 0; query < count; query++) {
      const from = query * dim;
      const norm = Math.sqrt(dot(queries, from, queries, from, dim));
      const scale = metric === "cosine" && norm > 0 ? 1 / norm : 1;
      for (let d = 0; d < dim; d++) {
        target[query * width + d] = queries[from + d]! * scale;
      }
      if (metric === "euclidean") target[query * width + dim] = 1;
    }
    return offset;
  }

  private async runCalls(calls: SearchCall[]): Promise<void> {
    if (this.native) {
      const buffer = this.memory.memory.buffer;
      this.native.searchCalls(
        new Uint8Array(buffer),
        Int32Array.from(calls.flat()),
      );
      return;
    }
    if (calls.length === 1) {
      this.searchGroups(...calls[0]!);
      return;
    }
    this.worker ??= new SearchWorker(this.module, this.memory.memory);
    const remote = this.worker.run(calls[1]!).then(
      () => undefined,
      (error: unknown) => error,
    );
    this.searchGroups(...calls[0]!);
    const failure = await remote;
    if (failure !== undefined) {
      this.logger.warn(
        `search worker failed (${String(failure)}); scoring its half of the rows on the main thread.`,
      );
      await this.dropWorker();
      this.searchGroups(...calls[1]!);
    }
  }

  private collect(
    lists: Array<{ rows: number }>,
    count: number,
    capacity: number,
  ): Int32Array[] {
    const results: Int32Array[] = [];
    for (let query = 0; query < count; query++) {
      const merged = new Int32Array(capacity * lists.length);
      lists.forEach((list, part) => {
        const view = this.memory.ints(
          list.rows + query * capacity * 4,
          capacity,
        );
        merged.set(view, part * capacity);
      });
      results.push(merged);
    }
    return results;
  }

  private async dropWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  async close(): Promise<void> {
    await this.dropWorker();
  }
}
