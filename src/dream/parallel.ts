import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { InternalError, UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { ChunkOptions, DreamUnit } from "./chunks.js";
import type { RecordedDream } from "./recorded.js";

/** Settings every worker thread starts with. */
export interface WorkerSetup {
  backend?: string;
  cacheDir?: string;
  modelDir?: string;
  objective: string;
  /** Chunk options without the logger, which cannot cross threads. */
  options: Omit<ChunkOptions, "logger" | "onProgress">;
}

/**
 * The units of a run, sent to each worker once. Threads claim units by
 * incrementing `next[0]` atomically, so no thread waits for another to
 * hand out work.
 */
export interface WorkerRequest {
  units: DreamUnit[];
  next: Int32Array;
}

type WorkerMessage =
  | { type: "result"; unit: number; result: RecordedDream[] }
  | { type: "error"; message: string; exitCode: number }
  | { type: "log"; level: keyof Logger; message: string };

/**
 * Returns the compiled worker script. Under the test runner the sources are
 * TypeScript, so the worker comes from the build in `dist/`.
 */
function workerScript(): URL {
  const beside = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL("../../dist/dream/worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new InternalError(
    `dream worker script not found at ${fileURLToPath(beside)} or ${fileURLToPath(built)}; run npm run build`,
  );
}

/**
 * Worker threads that dream alongside the calling thread. Start them
 * before loading anything on the calling thread: each loads its own
 * vocabulary and model meanwhile, on cores that would otherwise idle.
 */
export class DreamWorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `count` workers (none when `count` < 1). */
  static start(count: number, setup: WorkerSetup): DreamWorkerPool {
    const script = count > 0 ? workerScript() : undefined;
    return new DreamWorkerPool(
      script
        ? Array.from(
            { length: count },
            () => new Worker(script, { workerData: setup }),
          )
        : [],
    );
  }

  /**
   * Dreams `units` on the calling thread (with `dreamHere`) and the
   * workers, and returns each unit's dreams in unit order, whatever order
   * they finish in. Each thread claims the next unclaimed unit when it is
   * free, so the threads stay busy to the end.
   */
  async run(
    units: DreamUnit[],
    logger: Logger,
    dreamHere: (unit: DreamUnit) => RecordedDream[],
    onUnitDone?: (done: number) => void,
  ): Promise<RecordedDream[][]> {
    const results = new Array<RecordedDream[]>(units.length);
    const next = new Int32Array(new SharedArrayBuffer(4));
    let done = 0;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const finish = (unit: number, dreams: RecordedDream[]) => {
      results[unit] = dreams;
      done += 1;
      onUnitDone?.(done);
      wake?.();
    };
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    for (const worker of this.workers) {
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "log") logger[message.level](message.message);
        else if (message.type === "result") {
          finish(message.unit, message.result);
        } else {
          fail(
            message.exitCode === 1
              ? new UsageError(message.message)
              : new InternalError(message.message),
          );
        }
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (done < units.length) {
          fail(new InternalError(`a dream worker exited with code ${code}`));
        }
      });
      const request: WorkerRequest = { units, next };
      worker.postMessage(request);
    }
    while (done < units.length) {
      if (failure) throw failure;
      const unit = Atomics.add(next, 0, 1);
      if (unit < units.length) {
        finish(unit, dreamHere(units[unit]!));
        // Let worker results and failures in between units.
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
    if (failure) throw failure;
    return results;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
