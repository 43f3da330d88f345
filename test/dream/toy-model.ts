import * as tf from "../../src/tf.js";

/**
 * Builds a small classifier with the layer names the dream engine reads
 * (fc1, fc2, logits), seeded so that tests are reproducible.
 */
export function buildToyModel(
  options: {
    inputDim?: number;
    fc1Bias?: number;
    fc2Bias?: number;
    seed?: number;
  } = {},
): tf.LayersModel {
  const inputDim = options.inputDim ?? 4;
  const seed = options.seed ?? 1;
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      name: "fc1",
      inputShape: [inputDim],
      units: 8,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      biasInitializer: tf.initializers.constant({
        value: options.fc1Bias ?? 0.1,
      }),
    }),
  );
  model.add(
    tf.layers.dense({
      name: "fc2",
      units: 6,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      biasInitializer: tf.initializers.constant({
        value: options.fc2Bias ?? 0.1,
      }),
    }),
  );
  model.add(
    tf.layers.dense({
      name: "logits",
      units: 2,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
    }),
  );
  return model;
}
