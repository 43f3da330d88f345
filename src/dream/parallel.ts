import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { InternalError, UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { ChunkOptions, DreamInput } from "./chunks.js";
import type { ObjectiveContext } from "./objectives.js";
import type { RecordedDream } from "./recorded.js";

/** Settings every worker thread starts with. */
export interface WorkerSetup {
  backend?: string;
  cacheDir?: string;
  modelDir?: string;
  objective: string;
  objectiveContext: ObjectiveContext;
  /** Chunk options without the logger, which cannot cross threads. */
  options: Omit<ChunkOptions, "logger" | "onProgress">;
}

/** One chunk of sentences sent to a worker. */
export interface WorkerRequest {
  chunk: number;
  inputs: DreamInput[];
}

type ChunkResult = { continuous: RecordedDream[]; tokens: RecordedDream[] };

type WorkerMessage =
  | { type: "result"; chunk: number; result: ChunkResult }
  | { type: "error"; chunk: number; message: string; exitCode: number }
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
 * Dreams over `chunks` on `jobs` worker threads and returns the results in
 * chunk order, whatever order the workers finish in.
 */
export async function dreamChunksInWorkers(
  chunks: DreamInput[][],
  jobs: number,
  setup: WorkerSetup,
  logger: Logger,
  onChunkDone?: (done: number) => void,
): Promise<ChunkResult[]> {
  const results = new Array<ChunkResult>(chunks.length);
  const script = workerScript();
  let next = 0;
  let done = 0;
  const workers = Array.from(
    { length: Math.min(jobs, chunks.length) },
    () => new Worker(script, { workerData: setup }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= chunks.length) {
                resolve();
                return;
              }
              const chunk = next++;
              worker.postMessage({ chunk, inputs: chunks[chunk]! });
            };
            worker.on("message", (message: WorkerMessage) => {
              if (message.type === "log") {
                logger[message.level](message.message);
                return;
              }
              if (message.type === "error") {
                reject(
                  message.exitCode === 1
                    ? new UsageError(message.message)
                    : new InternalError(message.message),
                );
                return;
              }
              results[message.chunk] = message.result;
              done += 1;
              onChunkDone?.(done);
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
