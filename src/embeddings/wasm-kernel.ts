import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { PAGE_BYTES, wasm, type WasmMemory } from "../wasm-api.js";

/** Bytes kept free at the start of the kernel memory for its own data. */
const RESERVED_BYTES = 65_536;
/** Largest shared memory the kernel declares: 65,536 pages of 64 KiB. */
const MAX_PAGES = 65_536;

/** Compiled WebAssembly module, shareable with worker threads. */
export type KernelModule = object;

/** The WebAssembly shared memory the search uses. */
export type SharedMemory = WasmMemory;

/** Signature of the kernel's exported `searchGroups`. */
export type SearchGroups = (
  words: number,
  groupFrom: number,
  groupTo: number,
  rows: number,
  dim: number,
  queries: number,
  queryCount: number,
  capacity: number,
  bestScores: number,
  bestRows: number,
) => void;

/** Returns the path of the compiled kernel, built by `npm run build`. */
export function kernelPath(): string {
  // Both src/embeddings and dist/embeddings sit two levels below the root.
  return fileURLToPath(
    new URL("../../dist/wasm/nearest.wasm", import.meta.url),
  );
}

let compiled: KernelModule | null | undefined;
let loadProblem = "";

/**
 * Compiles the SIMD kernel once per process, or returns null with
 * {@link kernelProblem} set when it is missing or this runtime lacks
 * WebAssembly SIMD or shared memory.
 */
export function kernelModule(): KernelModule | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new wasm.Module(readFileSync(kernelPath()));
  } catch (error) {
    loadProblem = error instanceof Error ? error.message : String(error);
    compiled = null;
  }
  return compiled;
}

/** Returns why {@link kernelModule} returned null, or "". */
export function kernelProblem(): string {
  return loadProblem;
}

/** A shared kernel memory with a bump allocator above the reserved bytes. */
export class KernelMemory {
  readonly memory: SharedMemory;
  private top = RESERVED_BYTES;

  constructor() {
    this.memory = new wasm.Memory({
      initial: RESERVED_BYTES / PAGE_BYTES,
      maximum: MAX_PAGES,
      shared: true,
    });
  }

  /** Returns the offset of `bytes` new bytes (16-byte aligned), growing memory. */
  allocate(bytes: number): number {
    const offset = this.top;
    this.top = offset + Math.ceil(bytes / 16) * 16;
    const needed = Math.ceil(this.top / PAGE_BYTES);
    const current = this.memory.buffer.byteLength / PAGE_BYTES;
    if (needed > current) this.memory.grow(needed - current);
    return offset;
  }

  /** Frees everything allocated after `mark` (a value of {@link mark}). */
  release(mark: number): void {
    this.top = mark;
  }

  /** Returns the current allocation mark. */
  mark(): number {
    return this.top;
  }

  /** Returns a float32 view of `length` values at `offset`. */
  floats(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  /** Returns an int32 view of `length` values at `offset`. */
  ints(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }
}

/** Instantiates the kernel over `memory` and returns its search function. */
export function instantiateKernel(
  module: KernelModule,
  memory: SharedMemory,
): SearchGroups {
  const instance = new wasm.Instance(module, { env: { memory } });
  return instance.exports.searchGroups as SearchGroups;
}
