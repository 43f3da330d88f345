import * as tf from "../tf.js";

import type { Logger, ProgressCallback } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { Activations, Objective } from "./objectives.js";
import { evaluateObjective } from "./objectives.js";
import type { OptimizerName } from "./optimizer.js";
import { createOptimizer } from "./optimizer.js";

/** A sentence vector to dream from. */
export interface DreamStart {
  text: string;
  vector: Float32Array;
  /** Position of the sentence in the input; default its batch position. */
  index?: number;
}

/** One recorded point of a continuous dream. */
export interface DreamPoint {
  step: number;
  vector: Float32Array;
  objective: number;
  probabilities: number[];
}

/** The recorded continuous dream of one sentence. */
export interface ContinuousDream {
  index: number;
  text: string;
  stopReason: "steps" | "zero-gradient";
  points: DreamPoint[];
}

/** Options of {@link dreamContinuous}. */
export interface ContinuousDreamOptions {
  objective: Objective;
  /** Optimiser steps; default 100. */
  steps?: number;
  /** Step size; default 0.01. */
  learningRate?: number;
  /** Default `normalized`: `e += lr / mean(|grad|) * grad`. */
  optimizer?: OptimizerName;
  /** Descend instead of ascend; default false. */
  minimize?: boolean;
  /** Record every Nth step (the start and the end always); default 1. */
  recordEvery?: number;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

/** A model that maps sentence vectors to the named activations. */
export type ActivationFunction = (input: tf.Tensor2D) => Activations;

/**
 * Builds the function from a batch of sentence vectors to the fc1, fc2 and
 * logits activations of `model`, in inference mode (dropout off).
 */
export function activationFunction(model: tf.LayersModel): ActivationFunction {
  const names = ["fc1", "fc2", "logits"] as const;
  const outputs = names.map((name) => model.getLayer(name).output);
  const probe = tf.model({
    inputs: model.inputs,
    outputs: outputs as tf.SymbolicTensor[],
  });
  return (input) => {
    const [fc1, fc2, logits] = probe.apply(input, {
      training: false,
    }) as tf.Tensor2D[];
    return { fc1: fc1!, fc2: fc2!, logits: logits! };
  };
}

/** Objective, probabilities and input gradient of a batch of vectors. */
export interface Evaluation {
  objectives: Float32Array;
  probabilities: Float32Array;
  gradients: Float32Array;
}

/**
 * Evaluates the objective, the class probabilities and the gradient of the
 * objective with respect to each of `count` input vectors.
 */
export function evaluateWithGradient(
  activations: ActivationFunction,
  objective: Objective,
  vectors: Float32Array,
  count: number,
  dim: number,
): Evaluation {
  const result = tf.tidy(() => {
    const input = tf.tensor2d(vectors, [count, dim]);
    const gradient = tf.grad((x: tf.Tensor) =>
      tf.sum(evaluateObjective(objective, activations(x as tf.Tensor2D))),
    )(input);
    const outputs = activations(input);
    return [
      evaluateObjective(objective, outputs),
      tf.softmax(outputs.logits),
      gradient,
    ];
  });
  const [objectives, probabilities, gradients] = result.map(
    (tensor) => tensor.dataSync() as Float32Array,
  );
  tf.dispose(result);
  return {
    objectives: objectives!,
    probabilities: probabilities!,
    gradients: gradients!,
  };
}

/**
 * Climbs (or with `minimize` descends) the objective's gradient with respect
 * to each sentence vector, leaving the model's weights unchanged. All
 * sentences move in one batch. A sentence whose gradient is exactly zero,
 * because every ReLU unit the objective reads is inactive, stops there
 * with a warning instead of dividing by zero.
 */
export function dreamContinuous(
  activations: ActivationFunction,
  starts: readonly DreamStart[],
  options: ContinuousDreamOptions,
): ContinuousDream[] {
  const logger = options.logger ?? silentLogger;
  const steps = options.steps ?? 100;
  const recordEvery = options.recordEvery ?? 1;
  const count = starts.length;
  const dim = starts[0]?.vector.length ?? 0;
  const current = new Float32Array(count * dim);
  starts.forEach((start, i) => current.set(start.vector, i * dim));
  const optimizers = starts.map(() =>
    createOptimizer(options.optimizer ?? "normalized", dim, {
      learningRate: options.learningRate ?? 0.01,
      minimize: options.minimize,
    }),
  );
  const dreams: ContinuousDream[] = starts.map((start, position) => ({
    index: start.index ?? position,
    text: start.text,
    stopReason: "steps",
    points: [],
  }));
  const active = new Array<boolean>(count).fill(true);
  for (let step = 0; step <= steps; step++) {
    const evaluation = evaluateWithGradient(
      activations,
      options.objective,
      current,
      count,
      dim,
    );
    for (let i = 0; i < count; i++) {
      if (!active[i]) continue;
      const gradient = evaluation.gradients.subarray(i * dim, (i + 1) * dim);
      const stopsHere = step === steps || isZero(gradient);
      if (step % recordEvery === 0 || stopsHere) {
        dreams[i]!.points.push(record(step, current, evaluation, i, dim));
      }
      if (step === steps) continue;
      if (isZero(gradient)) {
        active[i] = false;
        dreams[i]!.stopReason = "zero-gradient";
        logger.warn(
          `sentence ${dreams[i]!.index + 1} ("${starts[i]!.text}"): the gradient of ${options.objective.name} is exactly zero at step ${step} (every ReLU unit it reads is inactive), so its dream stopped there; try another --objective or model`,
        );
        continue;
      }
      optimizers[i]!.step(current.subarray(i * dim, (i + 1) * dim), gradient);
    }
    options.onProgress?.((step + 1) / (steps + 1), "dreaming");
    if (!active.some(Boolean)) break;
  }
  return dreams;
}

function isZero(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}

function record(
  step: number,
  current: Float32Array,
  evaluation: Evaluation,
  row: number,
  dim: number,
): DreamPoint {
  const classes =
    evaluation.probabilities.length / evaluation.objectives.length;
  return {
    step,
    vector: current.slice(row * dim, (row + 1) * dim),
    objective: evaluation.objectives[row]!,
    probabilities: Array.from(
      evaluation.probabilities.subarray(row * classes, (row + 1) * classes),
    ),
  };
}

/**
 * Evaluates the objective and class probabilities for `count` vectors
 * without gradients, in batches of 4,096 rows.
 */
export function evaluateForward(
  activations: ActivationFunction,
  objective: Objective,
  vectors: Float32Array,
  count: number,
  dim: number,
): { objectives: Float32Array; probabilities: Float32Array } {
  const batch = 4096;
  const objectives = new Float32Array(count);
  let probabilities = new Float32Array(0);
  for (let start = 0; start < count; start += batch) {
    const rows = Math.min(batch, count - start);
    const [values, probs] = tf.tidy(() => {
      const input = tf.tensor2d(
        vectors.subarray(start * dim, (start + rows) * dim),
        [rows, dim],
      );
      const outputs = activations(input);
      return [
        evaluateObjective(objective, outputs).dataSync() as Float32Array,
        tf.softmax(outputs.logits).dataSync() as Float32Array,
      ];
    });
    const classes = probs!.length / rows;
    if (probabilities.length === 0) {
      probabilities = new Float32Array(count * classes);
    }
    objectives.set(values!, start);
    probabilities.set(probs!, start * classes);
  }
  return { objectives, probabilities };
}
