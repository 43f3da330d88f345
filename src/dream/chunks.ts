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
 * Sentences dreamed together in one batch. The continuous dream batches
 * sentences through the model, so the batch size is fixed here rather than
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

/** Splits `inputs` into consecutive chunks of {@link DREAM_CHUNK_SIZE}. */
export function splitChunks<T>(inputs: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < inputs.length; i += DREAM_CHUNK_SIZE) {
    chunks.push(inputs.slice(i, i + DREAM_CHUNK_SIZE));
  }
  return chunks;
}

/**
 * Dreams over one chunk of sentences in the requested modes and returns
 * the continuous dreams, then the token dreams, each in input order.
 */
export function dreamChunk(
  model: SentimentModel | ActivationFunction,
  vectors: WordVectors,
  inputs: readonly DreamInput[],
  objective: Objective,
  options: ChunkOptions,
): { continuous: RecordedDream[]; tokens: RecordedDream[] } {
  const activations =
    typeof model === "function" ? model : activationFunction(model.model);
  const continuous: RecordedDream[] = [];
  const tokens: RecordedDream[] = [];
  if (options.mode !== "tokens") {
    const dreams = dreamContinuous(activations, inputs, {
      ...options,
      objective,
    });
    dreams.forEach((dream, i) => {
      const input = inputs[i]!;
      continuous.push({
        index: input.index,
        text: input.text,
        tokens: input.tokens,
        mode: "continuous",
        stopReason: dream.stopReason,
        points: dream.points,
      });
    });
  }
  if (options.mode !== "continuous") {
    for (const input of inputs) {
      tokens.push(
        dreamTokens(activations, vectors, input, input.index, {
          ...options,
          objective,
        }),
      );
    }
  }
  return { continuous, tokens };
}
