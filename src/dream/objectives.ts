import * as tf from "../tf.js";

import { UsageError } from "../errors.js";
import type { SentimentModel } from "../model/index.js";

/** Layers of the classifier an objective can read. */
export type LayerName = "fc1" | "fc2";

/** A parsed `--objective` value. */
export type Objective =
  | { kind: "norm"; layer: LayerName; name: string }
  | { kind: "neuron"; layer: LayerName; index: number; name: string }
  | { kind: "class"; label: string; labelIndex: number; name: string };

/** Activations of one batch of sentence vectors. */
export interface Activations {
  fc1: tf.Tensor2D;
  fc2: tf.Tensor2D;
  logits: tf.Tensor2D;
}

/** Shape facts an objective is checked against. */
export interface ObjectiveContext {
  /** Units per layer, e.g. `{ fc1: 256, fc2: 512 }`. */
  units: Record<LayerName, number>;
  /** Class labels in logit order. */
  labels: readonly string[];
}

/** Returns the layer sizes and labels of `model`, to check objectives. */
export function objectiveContextOf(model: SentimentModel): ObjectiveContext {
  const units = (layer: LayerName) => {
    const shape = model.model.getLayer(layer).outputShape as number[];
    return shape[shape.length - 1]!;
  };
  return {
    units: { fc1: units("fc1"), fc2: units("fc2") },
    labels: model.metadata.labels,
  };
}

/** Lists the objective forms `--objective` accepts, for messages. */
export function objectiveForms(context: ObjectiveContext): string[] {
  return [
    "norm:fc1",
    "norm:fc2",
    `neuron:fc1:<0-${context.units.fc1 - 1}>`,
    `neuron:fc2:<0-${context.units.fc2 - 1}>`,
    ...context.labels.map((label) => `class:${label}`),
  ];
}

/**
 * Parses an objective name such as `norm:fc2`, `neuron:fc2:17` or
 * `class:negative`, rejecting anything else with the valid forms listed.
 */
export function parseObjective(
  spec: string,
  context: ObjectiveContext,
): Objective {
  const parts = spec.trim().split(":");
  const invalid = (reason: string) =>
    new UsageError(
      `invalid objective "${spec}": ${reason}; valid objectives: ${objectiveForms(context).join(", ")}`,
    );
  const [kind, second, third] = parts;
  if (kind === "norm" && parts.length === 2 && isLayer(second)) {
    return { kind: "norm", layer: second, name: `norm:${second}` };
  }
  if (kind === "neuron" && parts.length === 3 && isLayer(second)) {
    const index = /^\d+$/.test(third ?? "") ? Number(third) : NaN;
    const units = context.units[second];
    if (!Number.isInteger(index) || index >= units) {
      throw invalid(
        `neuron index must be a whole number from 0 to ${units - 1}`,
      );
    }
    return { kind: "neuron", layer: second, index, name: spec.trim() };
  }
  if (kind === "class" && parts.length === 2) {
    const labelIndex = context.labels.indexOf(second ?? "");
    if (labelIndex < 0) {
      throw invalid(`unknown class "${second}"`);
    }
    return {
      kind: "class",
      label: second!,
      labelIndex,
      name: `class:${second}`,
    };
  }
  throw invalid("unknown objective");
}

function isLayer(value: string | undefined): value is LayerName {
  return value === "fc1" || value === "fc2";
}

/**
 * Computes the objective for every row of a batch, as a 1-D tensor. The L2
 * norm adds 1e-24 under the square root so that its gradient at a zero
 * activation is 0 instead of NaN; the value differs from the exact norm by
 * at most 1e-12.
 */
export function evaluateObjective(
  objective: Objective,
  activations: Activations,
): tf.Tensor1D {
  switch (objective.kind) {
    case "norm": {
      const layer = activations[objective.layer];
      return tf.sqrt(tf.add(tf.sum(tf.square(layer), 1), 1e-24)) as tf.Tensor1D;
    }
    case "neuron": {
      const layer = activations[objective.layer];
      const column = tf.slice(layer, [0, objective.index], [-1, 1]);
      return tf.reshape(column, [-1]);
    }
    case "class": {
      const column = tf.slice(
        activations.logits,
        [0, objective.labelIndex],
        [-1, 1],
      );
      return tf.reshape(column, [-1]);
    }
  }
}
