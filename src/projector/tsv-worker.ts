// Formats blocks of TSV rows off the main thread; see tsv-pool.ts.
import { parentPort, workerData } from "node:worker_threads";

import { formatRows, maxRowBytes } from "./tsv-rows.js";

/** A block to format: rows of `values`, the first being file row `firstRow`. */
export interface FormatRequest {
  id: number;
  values: Float32Array;
  firstRow: number;
}

/** A written output buffer handed back for reuse. */
export interface RecycleRequest {
  recycle: ArrayBuffer;
}

/**
 * The formatted block (its first `length` bytes of `bytes`) with the input
 * buffer handed back, or the message of the error formatting raised.
 */
export interface FormatResponse {
  id: number;
  bytes?: ArrayBuffer;
  length?: number;
  values?: ArrayBuffer;
  error?: string;
}

const { dim, digits } = workerData as { dim: number; digits: number };
const spare: ArrayBuffer[] = [];

parentPort?.on("message", (request: FormatRequest | RecycleRequest) => {
  if ("recycle" in request) {
    spare.push(request.recycle);
    return;
  }
  try {
    const size = (request.values.length / dim) * maxRowBytes(dim);
    let bytes = spare.pop();
    if (!bytes || bytes.byteLength < size) bytes = new ArrayBuffer(size);
    const { values, firstRow } = request;
    const out = new Uint8Array(bytes);
    const length = formatRows(values, dim, digits, firstRow, out);
    const input = values.buffer as ArrayBuffer;
    const response: FormatResponse = { id: request.id, bytes, length };
    response.values = input;
    parentPort!.postMessage(response, [bytes, input]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort!.postMessage({ id: request.id, error: message });
  }
});
