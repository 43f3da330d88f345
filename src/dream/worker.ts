// Worker thread entry for `dream --jobs N`: loads the vocabulary and model
// once, then dreams over the chunks of sentences the parent sends.
import { parentPort, workerData } from "node:worker_threads";

import { selectBackend } from "../backend.js";
import { TextdreamError } from "../errors.js";
import { loadVocabulary } from "../embeddings/index.js";
import { loadModel } from "../model/index.js";
import type { Logger } from "../io/logger.js";
import { dreamChunk } from "./chunks.js";
import type { WorkerRequest, WorkerSetup } from "./parallel.js";
import { parseObjective } from "./objectives.js";

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
  const objective = parseObjective(setup.objective, setup.objectiveContext);
  return { vectors, model, objective };
})();

port.on("message", async (request: WorkerRequest) => {
  try {
    const { vectors, model, objective } = await ready;
    const result = dreamChunk(model, vectors, request.inputs, objective, {
      ...setup.options,
      logger,
    });
    port.postMessage({ type: "result", chunk: request.chunk, result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const exitCode = error instanceof TextdreamError ? error.exitCode : 2;
    port.postMessage({
      type: "error",
      chunk: request.chunk,
      message,
      exitCode,
    });
  }
});
