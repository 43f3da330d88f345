// Formats blocks of TSV rows off the main thread; see tsv-pool.ts.
import { parentPort, workerData } from "node:worker_threads";

import { formatRows, maxRowBytes } from "./tsv-rows.js";

/** A block to format: rows of `values`, the first being file row `firstRow`. */
export interface FormatRequest {
  id: number;
  values: Float32Array;
  firstRow: number;
}

/** The formatted block, or the message of the error it raised. */
export interface FormatResponse {
  id: number;
  bytes?: ArrayBuffer;
  length?: number;
  error?: string;
}

const { dim, digits } = workerData as { dim: number; digits: number };

parentPort?.on("message", (request: FormatRequest) => {
  try {
    const rows = request.values.length / dim;
    const out = Buffer.allocUnsafeSlow(rows * maxRowBytes(dim));
    const length = formatRows(
      request.values,
      dim,
      digits,
      request.firstRow,
      out,
    );
    const bytes = out.buffer as ArrayBuffer;
    const response: FormatResponse = { id: request.id, bytes, length };
    parentPort!.postMessage(response, [bytes]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort!.postMessage({ id: request.id, error: message });
  }
});
