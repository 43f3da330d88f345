import { Worker } from "node:worker_threads";

import type {
  KernelModule,
  SearchGroups,
  SharedMemory,
} from "./wasm-kernel.js";

/** Arguments of one `searchGroups` call, in order. */
export type SearchCall = Parameters<SearchGroups>;

// The worker runs from source text, so it works the same from the compiled
// package and from the TypeScript sources under a test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const instance = new WebAssembly.Instance(workerData.module, {
  env: { memory: workerData.memory },
});
parentPort.on("message", (call) => {
  try {
    instance.exports.searchGroups(...call);
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
  }
});
`;

/**
 * Runs kernel calls on one worker thread that shares the kernel memory,
 * so the calling thread can score the other half of the words meanwhile.
 * The worker does not keep the process alive between calls.
 */
export class SearchWorker {
  private readonly worker: Worker;
  private pending:
    { resolve: () => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(module: KernelModule, memory: SharedMemory) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, memory },
    });
    this.worker.unref();
    this.worker.on("message", (reply: { ok: boolean; message?: string }) => {
      const pending = this.pending;
      this.pending = undefined;
      this.worker.unref();
      if (reply.ok) pending?.resolve();
      else pending?.reject(new Error(`search worker failed: ${reply.message}`));
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      this.fail(new Error(`search worker exited with code ${code}`));
    });
  }

  /** Runs one kernel call on the worker; rejects if the worker failed. */
  run(call: SearchCall): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      // Keep the process alive only while a call is in flight.
      this.worker.ref();
      this.worker.postMessage(call);
    });
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    this.failure ??= new Error("search worker closed");
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
