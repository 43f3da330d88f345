import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { PAGE_BYTES, wasm, type WasmMemory } from "../wasm-api.js";

/** `Atomics.waitAsync`, which the ES2023 type library does not declare. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Points from which a layout runs on two threads by default. */
const PARALLEL_MIN_POINTS = 1000;

/** The layout's point and edge arrays, in the kernel's shared memory. */
export interface EpochArrays {
  /** Positions, 2 per point: the layout being optimised. */
  positions: Float64Array;
  tails: Int32Array;
  heads: Int32Array;
  /** Epochs between samples of each edge. */
  perSample: Float64Array;
  /** Epochs between negative samples of each edge. */
  perNegative: Float64Array;
}

/** One block: the points it owns and the edges whose tail it owns. */
interface Block {
  ownFrom: number;
  ownTo: number;
  edgeFrom: number;
  edgeTo: number;
  rng: number;
}

/** Arguments of `runBlock` before the epoch, learning rate, a and b. */
type BlockArguments = number[];

// The worker runs one block per epoch when the calling thread signals it.
// control[0] is the next epoch to run (or -1 to stop), control[1] the
// epochs it has finished.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, controlAt, calls, epochs, a, b } = workerData;
const { runBlock } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const control = new Int32Array(memory.buffer, controlAt, 2);
for (let done = 0; ; done++) {
  Atomics.wait(control, 0, done - 1);
  const epoch = Atomics.load(control, 0);
  if (epoch < 0) break;
  const alpha = epoch === 0 ? 1 : 1 - (epoch - 1) / epochs;
  runBlock(...calls[epoch % 2], epoch, alpha, a, b);
  Atomics.store(control, 1, epoch + 1);
  Atomics.notify(control, 1);
}
`;

let compiled: { module: object; heapBase: number } | undefined;

function kernelModule(): { module: object; heapBase: number } {
  if (compiled) return compiled;
  const path = fileURLToPath(
    new URL("../../dist/wasm/umap.wasm", import.meta.url),
  );
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(
      `umap layout: the epoch kernel ${path} is missing; run \`npm run build\` in the textdream folder to compile it.`,
    );
  }
  const module = new wasm.Module(bytes);
  // The kernel's math tables sit at the start of its memory. A throwaway
  // instance returns where they end.
  const probe = new wasm.Instance(module, {
    env: { memory: sharedMemory(1) },
  });
  compiled = { module, heapBase: (probe.exports.heapBase as () => number)() };
  return compiled;
}

function sharedMemory(pages: number) {
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}

/** Settings of {@link EpochKernel.run}. */
export interface EpochRunSettings {
  epochs: number;
  a: number;
  b: number;
  /** Seeds of the two blocks' negative-sample generators. */
  seeds: [number, number];
  /**
   * Runs the second block on a worker thread. Default: with 2 or more cores
   * and 1,000 or more points.
   */
  parallel?: boolean;
  onEpoch?: (done: number) => void;
}

/**
 * UMAP's epoch loop in WebAssembly over two blocks of points, the second
 * on a worker thread when {@link EpochRunSettings.parallel} says so. Fill
 * the arrays and call {@link EpochKernel.run}. The positions then contain
 * the layout.
 */
export class EpochKernel {
  readonly arrays: EpochArrays;
  private readonly memory: WasmMemory;
  private readonly layout: Record<string, number>;

  constructor(
    private readonly points: number,
    private readonly edges: number,
  ) {
    const { heapBase } = kernelModule();
    let top = heapBase;
    const take = (bytes: number) => {
      const at = Math.ceil(top / 16) * 16;
      top = at + bytes;
      return at;
    };
    const layout = {
      live: take(points * 16),
      snapshot0: take(points * 16),
      snapshot1: take(points * 16),
      tails: take(edges * 4),
      heads: take(edges * 4),
      perSample: take(edges * 8),
      perNegative: take(edges * 8),
      nextSample: take(edges * 8),
      nextNegative: take(edges * 8),
      rng: take(8),
      control: take(8),
    };
    this.layout = layout;
    this.memory = sharedMemory(Math.ceil(top / PAGE_BYTES));
    const { buffer } = this.memory;
    this.arrays = {
      positions: new Float64Array(buffer, layout.live, points * 2),
      tails: new Int32Array(buffer, layout.tails, edges),
      heads: new Int32Array(buffer, layout.heads, edges),
      perSample: new Float64Array(buffer, layout.perSample, edges),
      perNegative: new Float64Array(buffer, layout.perNegative, edges),
    };
  }

  /** Runs the epochs. The tails must be sorted. */
  async run(settings: EpochRunSettings): Promise<void> {
    const { buffer } = this.memory;
    const { arrays, layout, edges } = this;
    const floats = (at: number) => new Float64Array(buffer, at, edges);
    floats(layout.nextSample!).set(arrays.perSample);
    floats(layout.nextNegative!).set(arrays.perNegative);
    new Float64Array(buffer, layout.snapshot0, this.points * 2).set(
      arrays.positions,
    );
    new Uint32Array(buffer, layout.rng, 2).set(settings.seeds);

    const blocks = this.blocks();
    const calls = blocks.map((block) => this.blockCalls(block));
    const { module } = kernelModule();
    const { runBlock } = new wasm.Instance(module, {
      env: { memory: this.memory },
    }).exports as { runBlock: (...args: number[]) => void };
    const { epochs, a, b } = settings;
    // Handing an epoch to the worker and back took about 50 us (measured
    // on 3 points), more than a small layout's epoch takes.
    const parallel =
      settings.parallel ??
      (availableParallelism() > 1 && this.points >= PARALLEL_MIN_POINTS);
    const worker = parallel
      ? new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            module,
            memory: this.memory,
            controlAt: layout.control,
            calls: calls[1],
            epochs,
            a,
            b,
          },
        })
      : undefined;

    const control = new Int32Array(buffer, layout.control, 2);
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      Atomics.store(control, 1, -1);
      Atomics.notify(control, 1);
    };
    worker?.on("error", fail);
    worker?.on("exit", (code) => fail(new Error(`exited with code ${code}`)));
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        const alpha = epoch === 0 ? 1 : 1 - (epoch - 1) / epochs;
        if (worker) {
          Atomics.store(control, 0, epoch);
          Atomics.notify(control, 0);
        }
        runBlock(...calls[0]![epoch % 2]!, epoch, alpha, a, b);
        if (worker) await this.waitFor(control, epoch + 1, () => failure);
        else {
          runBlock(...calls[1]![epoch % 2]!, epoch, alpha, a, b);
          // Let signals and progress through now and then.
          if (epoch % 16 === 15) await new Promise(setImmediate);
        }
        settings.onEpoch?.(epoch + 1);
      }
    } finally {
      if (worker) {
        Atomics.store(control, 0, -1);
        Atomics.notify(control, 0);
        await worker.terminate();
      }
    }
  }

  /** Waits until the worker has finished `done` epochs, or failed. */
  private async waitFor(
    control: Int32Array,
    done: number,
    failed: () => Error | undefined,
  ): Promise<void> {
    for (;;) {
      const seen = Atomics.load(control, 1);
      if (seen === done) return;
      const error = failed();
      if (error || seen < 0) {
        throw new Error(
          `umap layout: the epoch worker thread failed (${error?.message}); lay out on one thread with parallel: false, or report the error.`,
        );
      }
      const wait = waitAsync(control, 1, seen);
      if (wait.async) await wait.value;
    }
  }

  /**
   * Splits the points in two at the tail that halves the samples per
   * epoch, so both blocks have about the same work.
   */
  private blocks(): [Block, Block] {
    const { tails, perSample } = this.arrays;
    let total = 0;
    for (let i = 0; i < this.edges; i++) total += 1 / perSample[i]!;
    let edge = 0;
    let half = 0;
    while (edge < this.edges && half < total / 2) {
      half += 1 / perSample[edge]!;
      edge++;
    }
    // Keep every edge of one tail in one block.
    while (edge > 0 && edge < this.edges && tails[edge] === tails[edge - 1]) {
      edge++;
    }
    const split = edge < this.edges ? tails[edge]! : this.points;
    const rng = this.layout.rng!;
    return [
      { ownFrom: 0, ownTo: split, edgeFrom: 0, edgeTo: edge, rng },
      {
        ownFrom: split,
        ownTo: this.points,
        edgeFrom: edge,
        edgeTo: this.edges,
        rng: rng + 4,
      },
    ];
  }

  /** Returns a block's runBlock arguments for even and odd epochs. */
  private blockCalls(block: Block): [BlockArguments, BlockArguments] {
    const { layout } = this;
    const call = (snapshot: number, next: number): BlockArguments => [
      layout.live!,
      snapshot,
      next,
      layout.tails!,
      layout.heads!,
      layout.perSample!,
      layout.perNegative!,
      layout.nextSample!,
      layout.nextNegative!,
      block.rng,
      block.edgeFrom,
      block.edgeTo,
      block.ownFrom,
      block.ownTo,
      this.points,
    ];
    return [
      call(layout.snapshot0!, layout.snapshot1!),
      call(layout.snapshot1!, layout.snapshot0!),
    ];
  }
}
