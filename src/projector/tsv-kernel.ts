import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { PAGE_BYTES, wasm } from "../wasm-api.js";
import { DECADES, POW10 } from "./format-float.js";

/** Numbers formatted per kernel call, which bounds the kernel's memory. */
export const KERNEL_BATCH_VALUES = 1 << 16;

/** Bytes the kernel may write per number, a tab or line feed included. */
const BYTES_PER_VALUE = 25;

const POW10_AT = 1024;
const DECADES_AT = POW10_AT + 23 * 8;
const PAIRS_AT = DECADES_AT + 85 * 8;
const VALUES_AT = 4096;
const OUTPUT_AT = VALUES_AT + KERNEL_BATCH_VALUES * 4;
const MEMORY_BYTES = OUTPUT_AT + KERNEL_BATCH_VALUES * BYTES_PER_VALUE;

/**
 * The TSV number kernel over its own memory: `values` takes up to
 * {@link KERNEL_BATCH_VALUES} float32 numbers, `output` receives their
 * text, and `formatFrom` formats values [from, to) as described in
 * assembly/tsv.ts.
 */
export interface TsvKernel {
  values: Float32Array;
  output: Uint8Array;
  formatFrom(
    from: number,
    to: number,
    dim: number,
    column: number,
    digits: number,
    pos: number,
  ): number;
  outputPosition(): number;
}

let kernel: TsvKernel | null | undefined;

/**
 * Returns this thread's TSV kernel, instantiated on first use. Returns null
 * when the compiled kernel (dist/wasm/tsv.wasm, built by `npm run build`)
 * is missing or does not load, so callers format in JavaScript.
 */
export function tsvKernel(): TsvKernel | null {
  if (kernel !== undefined) return kernel;
  try {
    kernel = instantiate();
  } catch {
    kernel = null;
  }
  return kernel;
}

function instantiate(): TsvKernel {
  // Both src/projector and dist/projector sit two levels below the root.
  const path = fileURLToPath(
    new URL("../../dist/wasm/tsv.wasm", import.meta.url),
  );
  const module = new wasm.Module(readFileSync(path));
  const memory = new wasm.Memory({
    initial: Math.ceil(MEMORY_BYTES / PAGE_BYTES),
  });
  const { exports } = new wasm.Instance(module, { env: { memory } });

  // The same tables as writeFloat32's, so both round alike.
  const { buffer } = memory;
  new Float64Array(buffer, POW10_AT, POW10.length).set(POW10);
  new Float64Array(buffer, DECADES_AT, DECADES.length).set(DECADES);
  new Uint8Array(buffer, PAIRS_AT, 200).set(
    Uint8Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? 0x30 + Math.floor(i / 20) : 0x30 + ((i >> 1) % 10),
    ),
  );
  (exports.setTables as (a: number, b: number, c: number) => void)(
    POW10_AT,
    DECADES_AT,
    PAIRS_AT,
  );

  const formatFrom = exports.formatFrom as (
    values: number,
    from: number,
    to: number,
    dim: number,
    column: number,
    digits: number,
    out: number,
    pos: number,
  ) => number;
  return {
    values: new Float32Array(buffer, VALUES_AT, KERNEL_BATCH_VALUES),
    output: new Uint8Array(
      buffer,
      OUTPUT_AT,
      KERNEL_BATCH_VALUES * BYTES_PER_VALUE,
    ),
    formatFrom: (from, to, dim, column, digits, pos) =>
      formatFrom(VALUES_AT, from, to, dim, column, digits, OUTPUT_AT, pos),
    outputPosition: exports.outputPosition as () => number,
  };
}
