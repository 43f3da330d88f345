import * as tf from "../../src/tf.js";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import { UsageError } from "../../src/errors.js";
import type { SentimentModel } from "../../src/model/index.js";
import {
  buildClassifier,
  predictProbabilities,
} from "../../src/model/index.js";
import { expectClose } from "../helpers/tolerance.js";

beforeAll(async () => {
  await selectBackend({ requested: "cpu" });
});

function wrap(model: tf.LayersModel, dim = 100): SentimentModel {
  return {
    model,
    metadata: {
      format: "textdream-model",
      version: 1,
      labels: ["negative", "positive"],
      embedding: { source: "test", dim, vocabSize: 0 },
      tokenizerVersion: "test",
      architecture: { hidden: [256, 512], dropout: 0 },
      training: { data: "none", sha256: "", examples: 0, seed: 0, epochs: 0 },
      metrics: { trainAccuracy: 0, validationAccuracy: 0 },
    },
  };
}

describe("buildClassifier", () => {
  it("names the dense layers", () => {
    const model = buildClassifier();
    const dense = model.layers.filter((layer) => layer.name !== "sentence");
    expect(dense.map((layer) => layer.name)).toEqual(["fc1", "fc2", "logits"]);
    expect(model.getLayer("fc1").outputShape).toEqual([null, 256]);
    expect(model.getLayer("fc2").outputShape).toEqual([null, 512]);
    expect(model.getLayer("logits").outputShape).toEqual([null, 2]);
    expect(model.inputs[0]!.shape).toEqual([null, 100]);
  });

  it("uses relu, relu, then linear", () => {
    const model = buildClassifier();
    const activations = ["fc1", "fc2", "logits"].map(
      (name) =>
        (model.getLayer(name).getConfig() as { activation: string }).activation,
    );
    expect(activations).toEqual(["relu", "relu", "linear"]);
  });

  it("repeats weights for one seed", () => {
    const weights = (seed: number) =>
      buildClassifier({ seed }).getLayer("fc1").getWeights()[0]!.dataSync();
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  it("rejects a bad input size", () => {
    expect(() => buildClassifier({ inputDim: 0 })).toThrow(UsageError);
  });
});

describe("predictProbabilities", () => {
  it("applies softmax to the logits", () => {
    const model = wrap(buildClassifier({ seed: 1, inputDim: 4 }), 4);
    const vectors = new Float32Array([1, 0, -1, 2, 0.5, 0.5, 0.5, 0.5]);
    const probabilities = predictProbabilities(model, vectors, 2);
    const logits = tf.tidy(
      () =>
        (
          model.model.predict(tf.tensor2d(vectors, [2, 4])) as tf.Tensor
        ).arraySync() as number[][],
    );
    probabilities.forEach((row, index) => {
      const [a, b] = logits[index]!;
      expectClose(row[0]!, 1 / (1 + Math.exp(b! - a!)), 1e-6);
      expectClose(row[0]! + row[1]!, 1, 1e-6);
    });
  });

  it("rejects a wrong vector length", () => {
    const model = wrap(buildClassifier({ inputDim: 4 }), 4);
    expect(() => predictProbabilities(model, new Float32Array(7), 2)).toThrow(
      "predictProbabilities: got 7 numbers for 2 vectors, expected 8 (2 x 4); pass vectors of the model's embedding dimension",
    );
  });
});
