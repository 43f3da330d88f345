import * as tf from "../tf.js";

import { UsageError } from "../errors.js";
import { LABELS } from "./metadata.js";
import type { SentimentModel } from "./metadata.js";

/** Units of the two hidden layers, fc1 then fc2. */
export const HIDDEN_UNITS = [256, 512] as const;

/** Names of the dense layers, input to output. */
export const LAYER_NAMES = ["fc1", "fc2", "logits"] as const;

/** Options of {@link buildClassifier}. */
export interface BuildClassifierOptions {
  /** Seed of the glorot-uniform initial weights. Default 0. */
  seed?: number;
  /**
   * Dropout rate used by training after fc1 and fc2, in [0, 1). The built
   * model contains no dropout layer: training applies seeded masks itself, so
   * the saved graph is the plain inference graph. Default 0.
   */
  dropout?: number;
  /** Length of the input sentence vector. Default 100. */
  inputDim?: number;
}

/**
 * Builds the sentiment classifier: input (inputDim) -> fc1 (256, relu) ->
 * fc2 (512, relu) -> logits (2, linear). There is no softmax layer, so the
 * logits stay reachable by name; {@link predictProbabilities} applies it.
 */
export function buildClassifier(
  options: BuildClassifierOptions = {},
): tf.LayersModel {
  const seed = options.seed ?? 0;
  const inputDim = options.inputDim ?? 100;
  if (!Number.isInteger(inputDim) || inputDim < 1) {
    throw new UsageError(
      `buildClassifier: inputDim ${inputDim} is not a positive whole number; pass the sentence vector length`,
    );
  }
  const input = tf.input({ shape: [inputDim], name: "sentence" });
  let hidden: tf.SymbolicTensor = input;
  const units = [...HIDDEN_UNITS, LABELS.length];
  LAYER_NAMES.forEach((name, index) => {
    const layer = tf.layers.dense({
      name,
      units: units[index] as number,
      activation: name === "logits" ? "linear" : "relu",
      kernelInitializer: tf.initializers.glorotUniform({
        seed: seed * 7 + index + 1,
      }),
      biasInitializer: "zeros",
    });
    hidden = layer.apply(hidden) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: hidden, name: "sentiment" });
}

/**
 * Returns the class probabilities (softmax of the logits) of `count`
 * sentence vectors laid out row after row in `vectors`.
 */
export function predictProbabilities(
  model: SentimentModel,
  vectors: Float32Array,
  count: number,
): number[][] {
  const dim = model.metadata.embedding.dim;
  if (vectors.length !== count * dim) {
    throw new UsageError(
      `predictProbabilities: got ${vectors.length} numbers for ${count} vectors, expected ${count * dim} (${count} x ${dim}); pass vectors of the model's embedding dimension`,
    );
  }
  if (count === 0) return [];
  return tf.tidy(() => {
    const input = tf.tensor2d(vectors, [count, dim]);
    const logits = model.model.predict(input) as tf.Tensor;
    return tf.softmax(logits).arraySync() as number[][];
  });
}
