import * as tf from "../tf.js";

import { activeBackend } from "../backend.js";
import { buildClassifier, HIDDEN_UNITS, LAYER_NAMES } from "./classifier.js";
import type {
  EmbeddingInfo,
  ModelMetadata,
  SentimentModel,
} from "./metadata.js";
import { LABELS } from "./metadata.js";
import { deriveSeed, mulberry32 } from "./random.js";
import type { Random } from "./random.js";
import { stratifiedSplit } from "./split.js";
import { accuracyOf, stackVectors } from "./evaluate.js";
import type { LabelledVector } from "./evaluate.js";
import { checkExamples, settingsOf } from "./train-settings.js";
import type { Settings } from "./train-settings.js";

/** Progress report passed to {@link TrainOptions.onEpoch} after each epoch. */
export interface EpochReport {
  /** 1-based epoch number. */
  epoch: number;
  /** Total epochs planned. */
  epochs: number;
  /** Mean cross-entropy over the epoch's batches (dropout on). */
  loss: number;
  /** Accuracy over the epoch's batches (dropout on), in [0, 1]. */
  accuracy: number;
  /** Accuracy on the validation slice, when there is one. */
  validationAccuracy?: number;
}

/** Options of {@link trainClassifier}. */
export interface TrainOptions {
  /** Seed of the split, initial weights, batch order and dropout. Default 0. */
  seed?: number;
  /** Passes over the training examples. Default 30. */
  epochs?: number;
  /**
   * Fraction of the examples, per class, kept aside to pick the epoch whose
   * weights are returned (best validation accuracy), in [0, 1). 0 keeps the
   * last epoch. Default 0.1.
   */
  validationSplit?: number;
  /** Examples per gradient step. Default 64. */
  batchSize?: number;
  /** Adam learning rate. Default 0.001. */
  learningRate?: number;
  /** Dropout rate after fc1 and fc2, in [0, 1). Default 0.5. */
  dropout?: number;
  /** L2 weight-decay factor on the dense kernels. Default 0.0001. */
  l2?: number;
  /**
   * Called after every epoch, for progress bars and checkpoints. `model`
   * has this epoch's weights; it must not be changed or disposed.
   */
  onEpoch?: (report: EpochReport, model: tf.LayersModel) => void;
  /** Training data name written to the metadata. Default "unknown". */
  data?: string;
  /** sha256 of the training data written to the metadata. Default "". */
  sha256?: string;
  /** Word-vector source written to the metadata. Default: unknown source. */
  embedding?: EmbeddingInfo;
  /** Tokenizer version written to the metadata. Default "unknown". */
  tokenizerVersion?: string;
  /** Raw label values of class 0 and class 1, written to the metadata. */
  labelValues?: [string, string];
}

/**
 * Trains a classifier on labelled sentence vectors (labels 0 and 1) and
 * returns it with complete metadata. Every random choice is seeded, the
 * batches are shuffled by the seed, and dropout masks come from the same
 * seeded generator, so one seed gives one model on a given backend.
 */
export async function trainClassifier(
  examples: readonly LabelledVector[],
  options: TrainOptions = {},
): Promise<SentimentModel> {
  const settings = settingsOf(options);
  const inputDim = checkExamples(examples);
  const split = stratifiedSplit(
    examples.map((example) => example.label),
    settings.validationSplit,
    mulberry32(deriveSeed(settings.seed, "validation")),
  );
  const fit = split.kept.map((index) => examples[index] as LabelledVector);
  const validation = split.held.map(
    (index) => examples[index] as LabelledVector,
  );
  const model = buildClassifier({
    seed: settings.seed,
    dropout: settings.dropout,
    inputDim,
  });
  const best = await fitEpochs(model, fit, validation, settings, options);
  const metadata = describeRun(
    model,
    { fit, validation, inputDim, best },
    settings,
    options,
  );
  return { model, metadata };
}

interface RunFacts {
  fit: readonly LabelledVector[];
  validation: readonly LabelledVector[];
  inputDim: number;
  best: BestEpoch;
}

function describeRun(
  model: tf.LayersModel,
  facts: RunFacts,
  settings: Settings,
  options: TrainOptions,
): ModelMetadata {
  const { fit, validation, inputDim, best } = facts;
  return {
    format: "textdream-model" as const,
    version: 1 as const,
    labels: [...LABELS],
    embedding: options.embedding ?? {
      source: "unknown",
      dim: inputDim,
      vocabSize: 0,
    },
    tokenizerVersion: options.tokenizerVersion ?? "unknown",
    architecture: {
      hidden: [...HIDDEN_UNITS] as [256, 512],
      dropout: settings.dropout,
      l2: settings.l2,
    },
    training: {
      data: options.data ?? "unknown",
      sha256: options.sha256 ?? "",
      examples: fit.length,
      seed: settings.seed,
      epochs: settings.epochs,
      bestEpoch: best.epoch,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      validationSplit: settings.validationSplit,
      validationExamples: validation.length,
      ...(options.labelValues ? { labelValues: options.labelValues } : {}),
      backend: activeBackend() ?? tf.getBackend(),
    },
    metrics: {
      trainAccuracy: round(accuracyOf(model, fit)),
      validationAccuracy: round(
        validation.length > 0 ? accuracyOf(model, validation) : NaN,
      ),
      trainLoss: round(best.loss),
    },
  };
}

interface BestEpoch {
  epoch: number;
  loss: number;
}

async function fitEpochs(
  model: tf.LayersModel,
  fit: readonly LabelledVector[],
  validation: readonly LabelledVector[],
  settings: Settings,
  options: TrainOptions,
): Promise<BestEpoch> {
  const optimizer = tf.train.adam(settings.learningRate);
  const batchRandom = mulberry32(deriveSeed(settings.seed, "batches"));
  const dropoutRandom = mulberry32(deriveSeed(settings.seed, "dropout"));
  const step = makeStep(model, optimizer, settings, dropoutRandom);
  let best: BestEpoch & { accuracy: number; weights?: tf.Tensor[] } = {
    epoch: 0,
    loss: NaN,
    accuracy: -1,
  };
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const totals = runEpoch(fit, settings.batchSize, batchRandom, step);
      const validationAccuracy =
        validation.length > 0 ? accuracyOf(model, validation) : undefined;
      const report: EpochReport = {
        epoch,
        epochs: settings.epochs,
        loss: totals.loss / fit.length,
        accuracy: totals.correct / fit.length,
        ...(validationAccuracy === undefined ? {} : { validationAccuracy }),
      };
      options.onEpoch?.(report, model);
      const score = validationAccuracy ?? epoch;
      if (score > best.accuracy) {
        best.weights?.forEach((tensor) => tensor.dispose());
        best = { epoch, loss: report.loss, accuracy: score };
        best.weights = model.getWeights().map((tensor) => tensor.clone());
        await tf.nextFrame();
      }
    }
    if (best.weights) model.setWeights(best.weights);
  } finally {
    best.weights?.forEach((tensor) => tensor.dispose());
    optimizer.dispose();
  }
  return { epoch: best.epoch, loss: best.loss };
}

interface StepResult {
  loss: number;
  correct: number;
}

type Step = (batch: readonly LabelledVector[]) => StepResult;

function runEpoch(
  fit: readonly LabelledVector[],
  batchSize: number,
  random: Random,
  step: Step,
): StepResult {
  const order = fit.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const totals = { loss: 0, correct: 0 };
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order
      .slice(start, start + batchSize)
      .map((index) => fit[index] as LabelledVector);
    const result = step(batch);
    totals.loss += result.loss * batch.length;
    totals.correct += result.correct;
  }
  return totals;
}

function makeStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  settings: Settings,
  random: Random,
): Step {
  const layers = LAYER_NAMES.map((name) => model.getLayer(name));
  const variables = model.trainableWeights.map(
    (weight) => weight.read() as tf.Variable,
  );
  const kernels = layers.map((layer) => layer.trainableWeights[0]!.read());
  return (batch) => {
    const size = batch.length;
    const x = tf.tensor2d(stackVectors(batch), [size, batch[0]!.vector.length]);
    const labels = tf.tensor1d(
      batch.map((example) => example.label),
      "int32",
    );
    const masks = HIDDEN_UNITS.map((units) =>
      dropoutMask(size, units, settings.dropout, random),
    );
    let correct: tf.Tensor | undefined;
    const cost = optimizer.minimize(
      () => {
        let hidden = x;
        layers.forEach((layer, index) => {
          hidden = layer.apply(hidden) as tf.Tensor2D;
          const mask = masks[index];
          if (mask) hidden = tf.mul(hidden, mask);
        });
        correct = tf.keep(
          tf.sum(tf.cast(tf.equal(tf.argMax(hidden, 1), labels), "int32")),
        );
        const entropy = tf.losses.softmaxCrossEntropy(
          tf.oneHot(labels, LABELS.length),
          hidden,
        );
        return tf.add(entropy, weightDecay(kernels, settings.l2)) as tf.Scalar;
      },
      true,
      variables,
    );
    const result = {
      loss: cost?.dataSync()[0] ?? NaN,
      correct: correct?.dataSync()[0] ?? 0,
    };
    tf.dispose([x, labels, ...masks]);
    if (cost) cost.dispose();
    correct?.dispose();
    return result;
  };
}

function weightDecay(kernels: tf.Tensor[], l2: number): tf.Tensor {
  if (l2 === 0) return tf.scalar(0);
  return tf.mul(
    tf.addN(kernels.map((kernel) => tf.sum(tf.square(kernel)))),
    l2,
  );
}

function dropoutMask(
  rows: number,
  units: number,
  rate: number,
  random: Random,
): tf.Tensor2D | undefined {
  if (rate === 0) return undefined;
  const values = new Float32Array(rows * units);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < values.length; i++) {
    values[i] = random() < rate ? 0 : scale;
  }
  return tf.tensor2d(values, [rows, units]);
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
