import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { UsageError } from "../errors.js";
import type { FormatRequest, FormatResponse } from "./tsv-worker.js";

const WORKER_URL = new URL("./tsv-worker.js", import.meta.url);

/** A formatted block and the input buffer, free for the next block. */
export interface FormattedBlock {
  text: Uint8Array;
  values: Float32Array;
}

interface Pending {
  resolve: (block: FormattedBlock) => void;
  reject: (error: Error) => void;
}

/**
 * Formats blocks of TSV rows on worker threads, each block a whole number
 * of rows, so a large file is formatted on several cores while the main
 * thread hashes and writes. Results come back per block; the caller keeps
 * them in file order.
 */
export class TsvFormatPool {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextRecycle = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on("message", (response: FormatResponse) => this.settle(response));
      worker.on("error", (error) => this.failAll(error));
    }
  }

  /**
   * Starts `threads` workers formatting `dim`-wide rows at `digits`
   * significant digits, or returns undefined when the compiled worker
   * script is not beside this module (running from TypeScript sources).
   */
  static start(
    threads: number,
    dim: number,
    digits: number,
  ): TsvFormatPool | undefined {
    if (threads < 1 || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
    const workers = Array.from(
      { length: threads },
      () => new Worker(WORKER_URL, { workerData: { dim, digits } }),
    );
    return new TsvFormatPool(workers);
  }

  /** Returns the default worker count: the cores, at most 2. */
  static defaultThreads(): number {
    return Math.min(2, availableParallelism());
  }

  /**
   * Formats `values` (whole rows; its buffer is transferred, so the caller
   * must not touch it again) and resolves with the TSV bytes and the input
   * buffer handed back.
   */
  format(values: Float32Array, firstRow: number): Promise<FormattedBlock> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    const request: FormatRequest = { id, values, firstRow };
    return new Promise<FormattedBlock>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request, [values.buffer as ArrayBuffer]);
    });
  }

  /**
   * Hands the buffer under `text`, which the caller has written, back to a
   * worker for a later block, so blocks do not allocate fresh memory.
   */
  recycle(text: Uint8Array): void {
    const worker = this.workers[this.nextRecycle++ % this.workers.length]!;
    const buffer = text.buffer as ArrayBuffer;
    worker.postMessage({ recycle: buffer }, [buffer]);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.failAll(new Error("the TSV format pool was closed"));
  }

  private settle(response: FormatResponse): void {
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.error !== undefined) {
      waiting.reject(new UsageError(response.error));
    } else {
      waiting.resolve({
        text: new Uint8Array(response.bytes!, 0, response.length),
        values: new Float32Array(response.values!),
      });
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
