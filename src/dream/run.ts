import * as tf from "../tf.js";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";

import type { SentimentModel } from "../model/index.js";
import { loadModel } from "../model/index.js";
import type { WordVectors } from "../embeddings/index.js";
import { loadVocabulary } from "../embeddings/index.js";
import { embedSentence } from "../text/index.js";
import type { SentenceEmbedding } from "../text/index.js";
import { UsageError } from "../errors.js";
import type { Logger, ProgressCallback } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { OptimizerName } from "./optimizer.js";
import { objectiveContextOf, parseObjective } from "./objectives.js";
import { activationFunction } from "./engine.js";
import type { ChunkOptions, DreamInput } from "./chunks.js";
import { countUnits, dreamUnit, planUnits } from "./chunks.js";
import { DreamWorkerPool } from "./parallel.js";
import { DEFAULT_FLUENCY, DREAM_MODES } from "./settings.js";
import type { DreamMode } from "./settings.js";
import {
  commitRunDir,
  discardRunDir,
  prepareRunDir,
  resolveRunDir,
} from "./run-dir.js";
import { writeRunFiles } from "./write-run.js";
import type { TrajectoryFile } from "./trajectory.js";
import type { FileSummary } from "../projector/index.js";

export { DREAM_MODES } from "./settings.js";
export type { DreamMode } from "./settings.js";

/** Options of {@link runDream}; every field has a default. */
export interface DreamRunOptions {
  /** Optimiser steps (token swaps in token mode); default 100. */
  steps?: number;
  /** Step size of the continuous dream; default 0.01. */
  learningRate?: number;
  /** Default `normalized`. */
  optimizer?: OptimizerName;
  /** Objective name; default `norm:fc2`. */
  objective?: string;
  /** Descend instead of ascend; default false. */
  minimize?: boolean;
  /** Nearest words recorded per step; default 10. */
  topK?: number;
  /** Most frequent words searched for neighbours and swaps; default 50,000. */
  vocabSize?: number;
  /** Most frequent words added as context points; default 2,000. */
  context?: number;
  /** Record every Nth step; default 1. */
  recordEvery?: number;
  /** Seed for every random choice; default 0. Recorded in the manifest. */
  seed?: number;
  /** `continuous` (default), `tokens` or `both`. */
  mode?: DreamMode;
  /** Token mode: candidates re-scored exactly per step; default 10. */
  beam?: number;
  /** Token mode: 0-based positions or words that are never swapped. */
  keep?: string[];
  /** Token mode: let one word fill two positions; default false. */
  allowRepeats?: boolean;
  /** Token mode: let punctuation change and be inserted; default false. */
  allowPunct?: boolean;
  /**
   * Threads that dream, the calling one included. Default and maximum:
   * the number of cores. Results do not depend on it. A preloaded `vectors`,
   * or `model` without `modelDir`, keeps the run on the calling thread.
   */
  jobs?: number;
  /** Token mode: weight of the unigram fluency prior; default 0.75. */
  fluency?: number;
  /** Token mode: `keep` freezes stopwords, `free` (default) lets them change. */
  stopwords?: "keep" | "free";
  /** Model directory; default the shipped model. */
  modelDir?: string;
  /** Run directory; default `output/<slug>-<hash>` under `cwd`. */
  out?: string;
  /** Replace an existing run directory; default false. */
  force?: boolean;
  /** `tsv` (default) or `bytes` for vectors.bytes. */
  format?: "tsv" | "bytes";
  /** Also write projector_config.pbtxt for TensorBoard; default false. */
  tensorboard?: boolean;
  /** Significant digits in vectors.tsv; default 6. */
  digits?: number;
  /** Directory relative paths resolve against; default `process.cwd()`. */
  cwd?: string;
  /** Backend name recorded in the manifest. */
  backend?: string;
  /** Preloaded vocabulary; loaded from the cache when absent. */
  vectors?: WordVectors;
  /** Preloaded model; loaded from `modelDir` when absent. */
  model?: SentimentModel;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

/** The run directory {@link runDream} wrote and its contents. */
export interface DreamRunResult {
  dir: string;
  trajectory: TrajectoryFile;
  points: number;
  files: FileSummary[];
}

/**
 * Dreams over `sentences`, records every step and writes a run directory
 * (vectors, metadata, projector config, trajectory, summary, manifest).
 * Every input is checked before anything is written, and the directory
 * appears only when complete.
 */
export async function runDream(
  sentences: readonly string[],
  options: DreamRunOptions = {},
): Promise<DreamRunResult> {
  const settings = resolveSettings(options);
  const logger = options.logger ?? silentLogger;
  checkSentences(sentences);
  checkRecordedPoints(sentences.length, settings);
  const chunkOptions = unitOptions(settings);
  const workers = DreamWorkerPool.start(
    dreamThreads(sentences.length, settings, options, logger) - 1,
    {
      // The backend this thread runs on, so every thread computes alike.
      backend: tf.getBackend(),
      modelDir: options.modelDir,
      objective: settings.objective,
      options: chunkOptions,
    },
  );
  try {
    const vectors =
      options.vectors ??
      (await loadVocabulary({ logger, onProgress: options.onProgress }));
    checkVocabSize(settings.vocabSize, vectors.words.length);
    const embeddings = sentences.map((text, i) =>
      embedSentence(vectors, text, { logger, position: i + 1 }),
    );
    const model = options.model ?? (await loadModel(options.modelDir));
    const objective = parseObjective(
      settings.objective,
      objectiveContextOf(model),
    );
    const cwd = options.cwd ?? process.cwd();
    const dir = resolveRunDir(
      options.out,
      cwd,
      sentences[0]!,
      fingerprint(sentences, settings),
    );
    const staging = await prepareRunDir(dir, options.force ?? false);
    try {
      const activations = activationFunction(model.model);
      const units = planUnits(inputsOf(embeddings), settings.mode);
      const results = await workers.run(
        units,
        logger,
        (unit) =>
          dreamUnit(activations, vectors, unit, objective, {
            ...chunkOptions,
            logger,
          }),
        (done) => options.onProgress?.(done / units.length, "dreaming"),
      );
      await workers.close();
      const written = await writeRunFiles(staging, {
        dreams: results.flat(),
        vectors,
        model,
        activations,
        objective,
        settings,
        options,
      });
      await commitRunDir(staging, dir);
      return { dir, ...written };
    } catch (error) {
      await discardRunDir(staging);
      throw error;
    }
  } finally {
    await workers.close();
  }
}

/** Settings of a run after defaults, as recorded in the manifest. */
export type DreamSettings = ReturnType<typeof resolveSettings>;

function resolveSettings(options: DreamRunOptions) {
  const settings = {
    mode: options.mode ?? "continuous",
    objective: options.objective ?? "norm:fc2",
    minimize: options.minimize ?? false,
    steps: options.steps ?? 100,
    learningRate: options.learningRate ?? 0.01,
    optimizer: options.optimizer ?? "normalized",
    topK: options.topK ?? 10,
    vocabSize: options.vocabSize ?? 50_000,
    context: options.context ?? 2_000,
    recordEvery: options.recordEvery ?? 1,
    seed: options.seed ?? 0,
    beam: options.beam ?? 10,
    keep: options.keep ?? [],
    allowRepeats: options.allowRepeats ?? false,
    allowPunct: options.allowPunct ?? false,
    stopwords: options.stopwords ?? "free",
    fluency: options.fluency ?? DEFAULT_FLUENCY,
    format: options.format ?? "tsv",
    tensorboard: options.tensorboard ?? false,
    digits: options.digits ?? 6,
    jobs: options.jobs ?? availableParallelism(),
  };
  checkWhole("--steps", settings.steps, 1, "100");
  checkWhole("--top-k", settings.topK, 1, "10");
  checkWhole("--record-every", settings.recordEvery, 1, "1");
  checkWhole("--context", settings.context, 0, "2000");
  checkWhole("--beam", settings.beam, 1, "1");
  checkWhole("--digits", settings.digits, 1, "6");
  checkWhole("--jobs", settings.jobs, 1, "the number of cores");
  if (settings.digits > 9) {
    throw new UsageError(
      `invalid --digits ${settings.digits}: float32 needs at most 9 significant digits; use 1 to 9 (default 6)`,
    );
  }
  if (!(settings.learningRate > 0) || !Number.isFinite(settings.learningRate)) {
    throw new UsageError(
      `invalid --lr ${settings.learningRate}: expected a finite number above 0 (default 0.01)`,
    );
  }
  if (!(DREAM_MODES as readonly string[]).includes(settings.mode)) {
    throw new UsageError(
      `invalid --mode "${settings.mode}": expected one of ${DREAM_MODES.join(", ")}`,
    );
  }
  return settings;
}

function checkWhole(name: string, value: number, min: number, def: string) {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(
      `invalid ${name} ${value}: expected a whole number of at least ${min} (default ${def})`,
    );
  }
}

/**
 * Most step points one run may record. Each is a row of 100 numbers in the
 * vectors file (about 800 bytes as TSV), and the projector samples at most
 * 10,000 points for t-SNE, so a larger run shows no more.
 */
export const MAX_RECORDED_POINTS = 1_000_000;

function checkRecordedPoints(sentences: number, settings: DreamSettings) {
  const perDream = Math.floor(settings.steps / settings.recordEvery) + 2;
  const dreams = settings.mode === "both" ? 2 * sentences : sentences;
  const points = perDream * dreams;
  if (points > MAX_RECORDED_POINTS) {
    const every = Math.ceil(
      (settings.steps * dreams) / (MAX_RECORDED_POINTS - 2 * dreams),
    );
    throw new UsageError(
      `too many steps to record: ${dreams} dreams x ${settings.steps} steps with --record-every ${settings.recordEvery} would record about ${points} points, above the limit of ${MAX_RECORDED_POINTS}; lower --steps or raise --record-every to at least ${every}`,
    );
  }
}

function checkVocabSize(vocabSize: number, available: number): void {
  if (!Number.isSafeInteger(vocabSize) || vocabSize < 1) {
    throw new UsageError(
      `invalid --vocab-size ${vocabSize}: expected a whole number from 1 to ${available} (default 50000)`,
    );
  }
  if (vocabSize > available) {
    throw new UsageError(
      `invalid --vocab-size ${vocabSize}: the vocabulary has ${available} words; use at most ${available}`,
    );
  }
}

function checkSentences(sentences: readonly string[]): void {
  if (sentences.length === 0) {
    throw new UsageError(
      `no sentence given: pass sentences as arguments, or use --file or --csv`,
    );
  }
  sentences.forEach((text, i) => {
    if (text.trim() === "") {
      throw new UsageError(
        `sentence ${i + 1} of ${sentences.length} is empty; remove it or give it words`,
      );
    }
  });
}

function fingerprint(
  sentences: readonly string[],
  settings: DreamSettings,
): string {
  return createHash("sha256")
    .update(JSON.stringify({ sentences, settings: recordedSettings(settings) }))
    .digest("hex")
    .slice(0, 8);
}

/**
 * Returns the threads to dream on: `--jobs`, at most the number of cores
 * and of units. Workers load the model and vocabulary from their sources,
 * so a preloaded model without its directory, or preloaded vectors, keep
 * the run on the calling thread.
 */
function dreamThreads(
  sentences: number,
  settings: DreamSettings,
  options: DreamRunOptions,
  logger: Logger,
): number {
  const units = countUnits(sentences, settings.mode);
  if (settings.jobs < 2 || units < 2) return 1;
  if ((options.model && !options.modelDir) || options.vectors) {
    logger.info(
      `dreaming on the calling thread only: worker threads cannot share a preloaded ${options.vectors ? "vocabulary" : "model"}; pass modelDir and leave vectors unset to use --jobs ${settings.jobs}`,
    );
    return 1;
  }
  const cores = availableParallelism();
  if (settings.jobs > cores) {
    logger.warn(
      `--jobs ${settings.jobs} is more than the ${cores} cores; dreaming on ${cores} threads`,
    );
  }
  return Math.min(settings.jobs, cores, units);
}

function inputsOf(embeddings: SentenceEmbedding[]): DreamInput[] {
  return embeddings.map((embedding, index) => ({
    index,
    text: embedding.text,
    tokens: embedding.tokens,
    vector: embedding.vector,
  }));
}

/** Returns the settings each unit of dreaming needs. */
function unitOptions(settings: DreamSettings): Omit<ChunkOptions, "logger"> {
  return {
    mode: settings.mode,
    steps: settings.steps,
    learningRate: settings.learningRate,
    optimizer: settings.optimizer,
    minimize: settings.minimize,
    recordEvery: settings.recordEvery,
    vocabSize: settings.vocabSize,
    beam: settings.beam,
    keep: settings.keep,
    allowRepeats: settings.allowRepeats,
    allowPunct: settings.allowPunct,
    stopwords: settings.stopwords,
    fluency: settings.fluency,
  };
}

/**
 * Returns the settings recorded in the manifest and the default run name:
 * all but `jobs`, which never changes the output.
 */
export function recordedSettings(
  settings: DreamSettings,
): Omit<DreamSettings, "jobs"> {
  const { jobs, ...recorded } = settings;
  void jobs;
  return recorded;
}
