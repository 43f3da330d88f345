import * as tf from "./tf.js";

import { UsageError } from "./errors.js";
import type { Logger } from "./io/logger.js";
import { silentLogger } from "./io/logger.js";

/** The TensorFlow.js backends textdream can run on, fastest first. */
export const BACKEND_NAMES = ["tensorflow", "wasm", "cpu"] as const;

/** One of {@link BACKEND_NAMES}; `tensorflow` is the tfjs-node backend. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /**
   * The backend to use. Default: `TEXTDREAM_BACKEND` when set, else the
   * first of tensorflow, wasm, cpu that loads.
   */
  requested?: string;
  /** Loads a backend module; replaced in tests to simulate failures. */
  importModule?: (specifier: string) => Promise<unknown>;
  /** Receives one line per backend tried and why it was skipped. */
  logger?: Logger;
}

const MODULE_OF: Record<Exclude<BackendName, "cpu">, string> = {
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
};

let active: BackendName | undefined;

/**
 * Loads and activates a TensorFlow.js backend and returns its name. With no
 * request it tries tfjs-node (an optional dependency that is absent when its
 * native library could not be downloaded), then wasm, then the pure-JS cpu
 * backend. A requested backend that fails to load is an error.
 */
export async function selectBackend(
  options: SelectBackendOptions = {},
): Promise<BackendName> {
  const logger = options.logger ?? silentLogger;
  // Production mode skips tfjs's debug checks and its console advice to
  // install tfjs-node, which library code must not print.
  tf.enableProdMode();
  const importModule =
    options.importModule ?? ((specifier: string) => import(specifier));
  const requested = options.requested ?? process.env.TEXTDREAM_BACKEND;
  if (requested !== undefined && requested !== "") {
    const name = parseBackendName(requested);
    await activate(name, importModule);
    logger.debug(`backend: ${name} (requested)`);
    return name;
  }
  for (const name of BACKEND_NAMES) {
    try {
      await activate(name, importModule);
      logger.debug(`backend: ${name}`);
      return name;
    } catch (error) {
      logger.debug(`backend ${name} unavailable: ${describe(error)}`);
    }
  }
  throw new UsageError("no TensorFlow.js backend could be loaded");
}

/** Returns the backend activated by {@link selectBackend}, if any. */
export function activeBackend(): BackendName | undefined {
  return active;
}

/** Validates a backend name given on the command line or in the env. */
export function parseBackendName(value: string): BackendName {
  if ((BACKEND_NAMES as readonly string[]).includes(value)) {
    return value as BackendName;
  }
  throw new UsageError(
    `invalid backend "${value}": expected one of ${BACKEND_NAMES.join(", ")} (set with --backend or TEXTDREAM_BACKEND)`,
  );
}

async function activate(
  name: BackendName,
  importModule: (specifier: string) => Promise<unknown>,
): Promise<void> {
  if (name !== "cpu") {
    try {
      await importModule(MODULE_OF[name]);
    } catch (error) {
      throw new UsageError(
        `backend "${name}" failed to load (${describe(error)}); install ${MODULE_OF[name]} or choose --backend cpu`,
        "INVALID_INPUT",
        { cause: error },
      );
    }
  }
  if (tf.findBackend(name) === undefined && name !== "cpu") {
    throw new UsageError(
      `backend "${name}" is not registered after loading ${MODULE_OF[name]}`,
    );
  }
  const ok = await tf.setBackend(name);
  if (!ok) {
    throw new UsageError(`backend "${name}" failed to initialise`);
  }
  await tf.ready();
  active = name;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
