import type { ProgressCallback } from "../io/logger.js";
import type { OutputStream } from "./context.js";

const BAR_WIDTH = 30;
const REDRAW_INTERVAL_MS = 100;

/**
 * Creates a progress callback for `stream`. On a terminal it redraws one bar
 * line at most every 100 ms. Elsewhere it prints one line per stage, so
 * logs of CI jobs stay short.
 */
export function createProgress(stream: OutputStream): ProgressCallback {
  let lastStage = "";
  let lastDraw = 0;
  let barOpen = false;
  return (fraction, stage) => {
    const clamped = Math.min(1, Math.max(0, fraction));
    if (!stream.isTTY) {
      if (stage !== lastStage) stream.write(`${stage}...\n`);
      lastStage = stage;
      return;
    }
    const now = Date.now();
    const done = clamped >= 1;
    if (stage === lastStage && !done && now - lastDraw < REDRAW_INTERVAL_MS) {
      return;
    }
    if (stage !== lastStage && barOpen) stream.write("\n");
    lastStage = stage;
    lastDraw = now;
    const filled = Math.round(clamped * BAR_WIDTH);
    const bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
    const percent = `${Math.floor(clamped * 100)}`.padStart(3);
    stream.write(`\r${stage} [${bar}] ${percent}%`);
    barOpen = !done;
    if (done) stream.write("\n");
  };
}
