// Worker thread entry for `dream --jobs N`: loads the vocabulary and model
// once, then dreams the units of work the parent sends.
import { parentPort, workerData } from "node:worker_threads";

import { selectBackend } from "../backend.js";
import { TextdreamError } from "../errors.js";
import { loadVocabulary } from "../embeddings/index.js";
import { loadModel } from "../model/index.js";
import type { Logger } from "../io/logger.js";
import { dreamUnit } from "./chunks.js";
import type { WorkerRequest, WorkerSetup } from "./parallel.js";
import { objectiveContextOf, parseObjective } from "./objectives.js";

const setup = workerData as WorkerSetup;
const port = parentPort!;

const logger: Logger = {
  debug: (message) =>
    port.postMessage({ type: "log", level: "debug", message }),
  info: (message) => port.postMessage({ type: "log", level: "info", message }),
  warn: (message) => port.postMessage({ type: "log", level: "warn", message }),
};

const ready = (async () => {
  await selectBackend({ requested: setup.backend });
  const vectors = await loadVocabulary({ cacheDir: setup.cacheDir });
  const model = await loadModel(setup.modelDir);
  const objective = parseObjective(setup.objective, objectiveContextOf(model));
  return { vectors, model, objective };
})();
// Report a loading failure at once, so the parent stops handing out work.
ready.catch(report);

/** Posts `error` to the parent as this worker's failure. */
function report(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const exitCode = error instanceof TextdreamError ? error.exitCode : 2;
  port.postMessage({ type: "error", message, exitCode });
}

port.on("message", async ({ units, next }: WorkerRequest) => {
  let parts;
  try {
    parts = await ready;
  } catch {
    return; // Reported above.
  }
  try {
    const { vectors, model, objective } = parts;
    for (;;) {
      const unit = Atomics.add(next, 0, 1);
      if (unit >= units.length) break;
      const result = dreamUnit(model, vectors, units[unit]!, objective, {
        ...setup.options,
        logger,
      });
      port.postMessage({ type: "result", unit, result });
    }
  } catch (error) {
    report(error);
  }
});
