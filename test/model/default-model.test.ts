import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import type { WordVectors } from "../../src/embeddings/index.js";
import type { LabelledVector, SentimentModel } from "../../src/model/index.js";
import {
  accuracyOf,
  deriveSeed,
  embedTexts,
  loadDefaultTrainingData,
  loadModel,
  mulberry32,
  predictProbabilities,
  stratifiedSplit,
  trainOnTexts,
} from "../../src/model/index.js";
import type { DefaultTrainingData } from "../../src/model/index.js";
import { embedSentence } from "../../src/text/index.js";
import { sharedVocabulary } from "../helpers/resources.js";
import { expectClose } from "../helpers/tolerance.js";

let model: SentimentModel;
let vectors: WordVectors;
let data: DefaultTrainingData;

beforeAll(async () => {
  await selectBackend();
  [model, vectors, data] = await Promise.all([
    loadModel(),
    sharedVocabulary(),
    loadDefaultTrainingData(),
  ]);
});

function probabilities(sentence: string): number[] {
  const { vector } = embedSentence(vectors, sentence);
  return predictProbabilities(model, vector, 1)[0]!;
}

function heldOut(seed: number, testSplit: number): LabelledVector[] {
  const { examples } = embedTexts(vectors, data.examples);
  const split = stratifiedSplit(
    examples.map((example) => example.label),
    testSplit,
    mulberry32(deriveSeed(seed, "test")),
  );
  return split.held.map((index) => examples[index]!);
}

describe("default model", () => {
  it("was trained on the shipped data", () => {
    const { training } = model.metadata;
    expect(data.examples).toHaveLength(3000);
    expect(training.sha256).toBe(data.sha256);
    expect(training.testSplit).toBe(0.2);
    expect(training.testExamples).toBe(600);
  });

  it("reaches 0.80 held-out accuracy", () => {
    const { training, metrics } = model.metadata;
    const held = heldOut(training.seed, training.testSplit!);
    expect(held).toHaveLength(600);
    const accuracy = accuracyOf(model.model, held);
    expectClose(accuracy, metrics.testAccuracy!, 1e-6);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ["I hate this.", 0],
    ["I love this show.", 1],
  ])("classifies %j with p >= 0.9", (sentence, label) => {
    expect(probabilities(sentence)[label]).toBeGreaterThanOrEqual(0.9);
  });

  it("retrains to the same accuracy", { timeout: 180_000 }, async () => {
    const { training, architecture, metrics } = model.metadata;
    const retrained = await trainOnTexts(vectors, data.examples, {
      seed: training.seed,
      epochs: training.epochs,
      batchSize: training.batchSize,
      learningRate: training.learningRate,
      validationSplit: training.validationSplit,
      testSplit: training.testSplit,
      dropout: architecture.dropout,
      l2: architecture.l2,
    });
    const again = retrained.model.metadata.metrics;
    expectClose(again.testAccuracy!, metrics.testAccuracy!, 0.01);
  });
});
