import * as tf from "../tf.js";

/** One training example: a sentence vector and its class (0 or 1). */
export interface LabelledVector {
  vector: Float32Array;
  label: number;
}

/** Copies the examples' vectors into one row-major Float32Array. */
export function stackVectors(
  examples: readonly LabelledVector[],
): Float32Array {
  const dim = examples[0]?.vector.length ?? 0;
  const stacked = new Float32Array(examples.length * dim);
  examples.forEach((example, row) => stacked.set(example.vector, row * dim));
  return stacked;
}

/**
 * Returns the fraction of `examples` whose arg-max logit equals the label,
 * or NaN when there are none.
 */
export function accuracyOf(
  model: tf.LayersModel,
  examples: readonly LabelledVector[],
): number {
  if (examples.length === 0) return NaN;
  const dim = examples[0]!.vector.length;
  const predicted = tf.tidy(() => {
    const input = tf.tensor2d(stackVectors(examples), [examples.length, dim]);
    return tf.argMax(model.predict(input) as tf.Tensor, 1).dataSync();
  });
  let correct = 0;
  examples.forEach((example, index) => {
    if (predicted[index] === example.label) correct += 1;
  });
  return correct / examples.length;
}
