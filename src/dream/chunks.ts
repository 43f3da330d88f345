import type { WordVectors } from "../embeddings/index.js";
import type { SentimentModel } from "../model/index.js";
import type { ActivationFunction } from "./engine.js";
import { activationFunction, dreamContinuous } from "./engine.js";
import type { Objective } from "./objectives.js";
import type { RecordedDream } from "./recorded.js";
import { dreamTokens } from "./tokens.js";
import type { TokenDreamOptions } from "./tokens.js";
import type { ContinuousDreamOptions } from "./engine.js";

/**
 * Sentences whose continuous dreams run together in one batch. The batch
 * goes through the model at once, so its size is fixed here rather than
 * derived from `--jobs`: every job count then runs the same batches and
 * writes byte-identical files.
 */
export const DREAM_CHUNK_SIZE = 8;

/** A sentence to dream over, as sent to a worker thread. */
export interface DreamInput {
  index: number;
  text: string;
  tokens: string[];
  vector: Float32Array;
}

/** Settings shared by every chunk of a run. */
export type ChunkOptions = Omit<ContinuousDreamOptions, "objective"> &
  Omit<TokenDreamOptions, "objective"> & {
    mode: "continuous" | "tokens" | "both";
  };

/**
 * One piece of dreaming work: the continuous dreams of up to
 * {@link DREAM_CHUNK_SIZE} consecutive sentences, batched through the
 * model, or the token dream of one sentence.
 */
export interface DreamUnit {
  mode: "continuous" | "tokens";
  inputs: DreamInput[];
}

/**
 * Splits the work of a run into units: the continuous chunks in input
 * order, then one token dream per sentence in input order, so the results
 * of the units in order are the run's dreams in order. The larger
 * continuous units come first and the small token units last, which keeps
 * threads evenly busy to the end.
 */
export function planUnits(
  inputs: readonly DreamInput[],
  mode: ChunkOptions["mode"],
): DreamUnit[] {
  const units: DreamUnit[] = [];
  if (mode !== "tokens") {
    for (let i = 0; i < inputs.length; i += DREAM_CHUNK_SIZE) {
      const chunk = inputs.slice(i, i + DREAM_CHUNK_SIZE);
      units.push({ mode: "continuous", inputs: chunk });
    }
  }
  if (mode !== "continuous") {
    for (const input of inputs) units.push({ mode: "tokens", inputs: [input] });
  }
  return units;
}

/**
 * Counts the units {@link planUnits} makes for `sentences` sentences in
 * `mode`, before the sentences are embedded.
 */
export function countUnits(
  sentences: number,
  mode: ChunkOptions["mode"],
): number {
  const chunks = Math.ceil(sentences / DREAM_CHUNK_SIZE);
  if (mode === "continuous") return chunks;
  return mode === "tokens" ? sentences : chunks + sentences;
}

/** Dreams one unit and returns its dreams in input order. */
export function dreamUnit(
  model: SentimentModel | ActivationFunction,
  vectors: WordVectors,
  unit: DreamUnit,
  objective: Objective,
  options: ChunkOptions,
): RecordedDream[] {
  const activations =
    typeof model === "function" ? model : activationFunction(model.model);
  if (unit.mode === "tokens") {
    return unit.inputs.map((input) =>
      dreamTokens(activations, vectors, input, input.index, {
        ...options,
        objective,
      }),
    );
  }
  const dreams = dreamContinuous(activations, unit.inputs, {
    ...options,
    objective,
  });
  return dreams.map((dream, i) => {
    const input = unit.inputs[i]!;
    return {
      index: input.index,
      text: input.text,
      tokens: input.tokens,
      mode: "continuous",
      stopReason: dream.stopReason,
      points: dream.points,
    };
  });
}
