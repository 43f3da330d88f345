import type * as tf from "../tf.js";

/** The class names of a sentiment model, in output order. */
export const LABELS = ["negative", "positive"] as const;

/** Source of the sentence vectors a model reads. */
export interface EmbeddingInfo {
  /** Name of the word-vector source, such as "glove-6b-100d (wink...)". */
  source: string;
  /** Length of a sentence vector. */
  dim: number;
  /** Number of words in the vocabulary the vectors were looked up in. */
  vocabSize: number;
}

/** The layer sizes and regularisation a model was built with. */
export interface ArchitectureInfo {
  /** Units of fc1 and fc2. */
  hidden: [256, 512];
  /** Dropout rate after fc1 and after fc2 during training, in [0, 1). */
  dropout: number;
  /** L2 weight-decay factor on the dense kernels during training. */
  l2?: number;
}

/** Training settings and data of a model, enough to train it again. */
export interface TrainingInfo {
  /** Description of the training data: a path or a data-set name. */
  data: string;
  /** sha256 (hex) of the training data bytes. */
  sha256: string;
  /** Examples the weights were fitted on (validation slice excluded). */
  examples: number;
  /** Seed of every random choice: split, initial weights, batches. */
  seed: number;
  /** Epochs run. */
  epochs: number;
  /** Epoch whose weights were kept (best validation accuracy), 1-based. */
  bestEpoch?: number;
  /** Examples per gradient step. */
  batchSize?: number;
  /** Adam learning rate. */
  learningRate?: number;
  /** Fraction of the training examples kept aside for validation. */
  validationSplit?: number;
  /** Fraction of all examples held out for the test accuracy. */
  testSplit?: number;
  /** Examples in the held-out test split. */
  testExamples?: number;
  /** Examples in the validation slice. */
  validationExamples?: number;
  /** Raw label values mapped to class 0 and class 1. */
  labelValues?: [string, string];
  /** TensorFlow.js backend the model was trained on. */
  backend?: string;
  /** Training duration in seconds. */
  seconds?: number;
}

/** Accuracies measured after training, each in [0, 1]. */
export interface MetricsInfo {
  /** Accuracy on the examples the weights were fitted on. */
  trainAccuracy: number;
  /**
   * Accuracy on the validation slice (which chose the kept epoch); NaN,
   * stored as null, when there is no validation slice.
   */
  validationAccuracy: number;
  /** Accuracy on the held-out test split, never seen in training. */
  testAccuracy?: number;
  /** Mean cross-entropy on the fitted examples at the kept epoch. */
  trainLoss?: number;
}

/** The metadata.json stored beside a model's weights. */
export interface ModelMetadata {
  format: "textdream-model";
  version: 1;
  /** Class names in output order, normally {@link LABELS}. */
  labels: string[];
  embedding: EmbeddingInfo;
  /** Version of the tokenizer the sentence vectors were made with. */
  tokenizerVersion: string;
  architecture: ArchitectureInfo;
  training: TrainingInfo;
  metrics: MetricsInfo;
}

/** A classifier together with the facts needed to use it correctly. */
export interface SentimentModel {
  /** Layers fc1, fc2 and logits are reachable with `getLayer(name)`. */
  model: tf.LayersModel;
  metadata: ModelMetadata;
}
