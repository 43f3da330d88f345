import * as tf from "../tf.js";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { FileFormatError, UsageError } from "../errors.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { markTemporary, unmarkTemporary } from "../io/cleanup.js";
import type { SentimentModel } from "./metadata.js";
import { checkMetadata } from "./metadata-check.js";

/** File names of a saved model directory. */
export const MODEL_FILES = {
  topology: "model.json",
  weights: "weights.bin",
  metadata: "metadata.json",
} as const;

const OWN_FILES = new Set<string>(Object.values(MODEL_FILES));

/**
 * Returns the absolute path of the default model shipped inside the
 * installed package (`models/default`).
 */
export function defaultModelDir(): string {
  return fileURLToPath(new URL("../../models/default/", import.meta.url));
}

/**
 * Saves `model` into `dir` as a TensorFlow.js LayersModel (model.json and
 * weights.bin) plus metadata.json. The files are written into a temporary
 * sibling directory that is then renamed, so `dir` never contains a partial
 * model. An existing `dir` is replaced only if it contains a model.
 */
export async function saveModel(
  model: SentimentModel,
  dir: string,
): Promise<void> {
  const target = resolve(dir);
  await checkReplaceable(target);
  const staging = siblingPath(target, "tmp");
  markTemporary(staging);
  await mkdir(staging, { recursive: true });
  try {
    await writeModelFiles(model, staging);
    await swapInto(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    unmarkTemporary(staging);
  }
}

/**
 * Loads a model saved by {@link saveModel} from `dir` (default: the
 * shipped model). Errors name the directory and the missing file.
 */
export async function loadModel(dir?: string): Promise<SentimentModel> {
  const source = resolve(dir ?? defaultModelDir());
  const [topologyText, weights, metadataText] = await Promise.all([
    readModelFile(source, MODEL_FILES.topology),
    readModelFile(source, MODEL_FILES.weights),
    readModelFile(source, MODEL_FILES.metadata),
  ]);
  const modelJson = parseJson(source, MODEL_FILES.topology, topologyText);
  const metadata = checkMetadata(
    parseJson(source, MODEL_FILES.metadata, metadataText),
    join(source, MODEL_FILES.metadata),
  );
  const weightSpecs = weightSpecsOf(modelJson, source);
  const weightData = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  );
  checkWeightBytes(weightSpecs, weightData.byteLength, source);
  checkFiniteWeights(weightSpecs, weightData, source);
  const handler = tf.io.fromMemory({
    modelTopology: (modelJson as tf.io.ModelJSON).modelTopology,
    weightSpecs,
    weightData,
  });
  const model = await tf.loadLayersModel(handler);
  return { model, metadata };
}

async function writeModelFiles(
  model: SentimentModel,
  dir: string,
): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: modelArtifactsInfo(saved) };
    }),
  );
  if (artifacts === undefined || artifacts.weightData === undefined) {
    throw new UsageError(`saveModel: the model produced no weights to save`);
  }
  const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const modelJson = {
    format: artifacts.format ?? "layers-model",
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [
      { paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs },
    ],
  };
  await writeJsonAtomic(join(dir, MODEL_FILES.topology), modelJson);
  await writeFileAtomic(
    join(dir, MODEL_FILES.weights),
    new Uint8Array(weightData),
  );
  await writeJsonAtomic(join(dir, MODEL_FILES.metadata), model.metadata);
}

function modelArtifactsInfo(
  artifacts: tf.io.ModelArtifacts,
): tf.io.ModelArtifactsInfo {
  return {
    dateSaved: new Date(),
    modelTopologyType: "JSON",
    weightDataBytes: tf.io.CompositeArrayBuffer.join(
      artifacts.weightData ?? new ArrayBuffer(0),
    ).byteLength,
  };
}

async function checkReplaceable(target: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new UsageError(
        `saveModel: ${target} is a file, expected a directory to hold ${[...OWN_FILES].join(", ")}; choose another --out`,
      );
    }
    throw error;
  }
  const foreign = entries.filter((name) => !OWN_FILES.has(name));
  if (foreign.length > 0) {
    throw new UsageError(
      `saveModel: ${target} contains other files (${foreign.slice(0, 5).join(", ")}), so it is not replaced; choose an empty or new directory for --out`,
    );
  }
}

async function swapInto(staging: string, target: string): Promise<void> {
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dirname(target), { recursive: true });
    await rename(staging, target);
    return;
  }
  const old = siblingPath(target, "old");
  await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

function siblingPath(target: string, kind: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  return join(dirname(target), `.${basename(target)}.${kind}-${suffix}`);
}

async function readModelFile(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(
        `loadModel: ${name} is missing from ${dir}; expected a directory written by \`textdream train --out\` holding ${[...OWN_FILES].join(", ")}`,
        "NOT_FOUND",
        { cause: error },
      );
    }
    throw error;
  }
}

function parseJson(dir: string, name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FileFormatError(
      `loadModel: ${join(dir, name)} is not valid JSON (${(error as Error).message}); train the model again with \`textdream train\``,
      { cause: error },
    );
  }
}

function weightSpecsOf(
  modelJson: unknown,
  dir: string,
): tf.io.WeightsManifestEntry[] {
  const manifest = (modelJson as Partial<tf.io.ModelJSON>).weightsManifest;
  const topology = (modelJson as Partial<tf.io.ModelJSON>).modelTopology;
  if (!Array.isArray(manifest) || topology === undefined) {
    throw new FileFormatError(
      `loadModel: ${join(dir, MODEL_FILES.topology)} lacks "modelTopology" or "weightsManifest"; expected a TensorFlow.js LayersModel file`,
    );
  }
  return manifest.flatMap((group) => group.weights);
}

/**
 * Throws a FileFormatError naming the first NaN or infinite weight, which
 * would otherwise surface later as a NaN sentence vector.
 */
function checkFiniteWeights(
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBufferLike,
  dir: string,
): void {
  const values = new Float32Array(data);
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < size; i++) {
      const value = values[offset + i]!;
      if (value - value !== 0) {
        throw new FileFormatError(
          `loadModel: ${join(dir, MODEL_FILES.weights)} contains ${value} at value ${i} of weight "${spec.name}"; expected finite numbers. Retrain the model or restore its files.`,
        );
      }
    }
    offset += size;
  }
}

function checkWeightBytes(
  specs: tf.io.WeightsManifestEntry[],
  bytes: number,
  dir: string,
): void {
  const expected = specs.reduce(
    (sum, spec) => sum + 4 * spec.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (expected !== bytes) {
    throw new FileFormatError(
      `loadModel: ${join(dir, MODEL_FILES.weights)} contains ${bytes} bytes, expected ${expected} for the weights listed in ${MODEL_FILES.topology}; the file is truncated or from another model`,
    );
  }
}
