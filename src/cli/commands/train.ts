import { resolve } from "node:path";

import { Command } from "commander";

import { loadVocabulary } from "../../embeddings/index.js";
import { UsageError } from "../../errors.js";
import type { Logger } from "../../io/logger.js";
import { sha256OfFile } from "../../model/checksum.js";
import { readLabelledCsv } from "../../model/csv.js";
import { loadDefaultTrainingData } from "../../model/default-data.js";
import { LABELS } from "../../model/metadata.js";
import type {
  EpochReport,
  LabelledText,
  SentimentModel,
} from "../../model/index.js";
import type { CliContext, CommonOptions } from "../context.js";
import { integerOption, numberOption } from "../options.js";

interface TrainFlags extends CommonOptions {
  default?: boolean;
  textColumn: string;
  labelColumn: string;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  l2: number;
  validationSplit: number;
  testSplit: number;
  vocabSize?: number;
  out: string;
}

/** The data a training run reads, with its label mapping. */
interface TrainingData {
  texts: LabelledText[];
  labelValues: [string, string];
  blankRows: number;
  data: string;
  sha256: string;
}

/** Builds the `train` command. */
export function trainCommand(context: CliContext): Command {
  const fraction = numberOption({ min: 0, max: 0.95 });
  return new Command("train")
    .summary("train a sentiment classifier on a labelled CSV")
    .description(
      "Train the fc1 (256) -> fc2 (512) -> logits (2) classifier on the mean GloVe vectors of labelled texts, with a seeded stratified test split, a validation slice that picks the best epoch, and seeded batches. Two label values are mapped to classes: negative/neg/0/false to negative and positive/pos/1/true to positive, else in sorted order.",
    )
    .argument("[csv]", "CSV file with a header row, a text and a label column")
    .option(
      "--default",
      "train the shipped default model on the UCI Sentiment Labelled Sentences (Kotzias et al., 2015) instead of a CSV",
    )
    .option("--text-column <name>", "column holding the texts", "text")
    .option("--label-column <name>", "column holding the labels", "label")
    .option("--seed <n>", "seed of every random choice", integerOption(), 0)
    .option(
      "--epochs <n>",
      "passes over the data",
      integerOption({ min: 1 }),
      30,
    )
    .option(
      "--batch-size <n>",
      "examples per step",
      integerOption({ min: 1 }),
      64,
    )
    .option(
      "--learning-rate <rate>",
      "Adam learning rate",
      numberOption({ min: 0 }),
      0.001,
    )
    .option(
      "--dropout <rate>",
      "dropout after fc1 and fc2, in [0, 0.95]",
      fraction,
      0.5,
    )
    .option(
      "--l2 <factor>",
      "L2 weight decay on the kernels",
      numberOption({ min: 0 }),
      0.0001,
    )
    .option(
      "--validation-split <fraction>",
      "fraction of the training rows that picks the best epoch",
      fraction,
      0.1,
    )
    .option(
      "--test-split <fraction>",
      "fraction of all rows held out for the test accuracy",
      fraction,
      0.2,
    )
    .option(
      "--vocab-size <n>",
      "use the N most frequent GloVe words (default: all 341,479)",
      integerOption({ min: 1 }),
    )
    .option("--out <dir>", "directory to write the model into", "model")
    .option(
      "--backend <name>",
      "TensorFlow.js backend: tensorflow, wasm or cpu (default: TEXTDREAM_BACKEND, else the first that loads)",
    )
    .option("--json", "print the summary as JSON")
    .option("--verbose", "print details such as the backend and skipped rows")
    .action(async (csv: string | undefined, flags: TrainFlags) => {
      await runTrain(context, csv, flags);
    });
}

async function runTrain(
  context: CliContext,
  csv: string | undefined,
  flags: TrainFlags,
): Promise<void> {
  const logger = context.logger(flags);
  const data = await readTrainingData(context, csv, flags);
  printMapping(context, data, flags);
  // TensorFlow.js takes a third of a second to import, so only the commands
  // that run a model load it.
  const { selectBackend } = await import("../../backend.js");
  const { saveModel, trainOnTexts } = await import("../../model/index.js");
  const backend = await selectBackend({ requested: flags.backend, logger });
  logger.debug(`backend: ${backend}`);
  const vectors = await loadVocabulary({
    vocabSize: flags.vocabSize,
    logger,
    onProgress: context.progress(flags),
  });
  const trained = await trainOnTexts(vectors, data.texts, {
    ...trainingSettings(flags),
    labelValues: data.labelValues,
    data: data.data,
    sha256: data.sha256,
    logger,
    onEpoch: epochReporter(context, flags),
  });
  const out = resolve(context.io.cwd, flags.out);
  await saveModel(trained.model, out);
  printSummary(context, flags, out, trained.model, data, trained.skippedLines);
}

async function readTrainingData(
  context: CliContext,
  csv: string | undefined,
  flags: TrainFlags,
): Promise<TrainingData> {
  if (flags.default && csv !== undefined) {
    throw new UsageError(
      `train: got both a CSV (${csv}) and --default, expected one; drop --default to train on the CSV`,
    );
  }
  if (flags.default) {
    const uci = await loadDefaultTrainingData();
    return {
      texts: uci.examples,
      labelValues: ["0", "1"],
      blankRows: 0,
      data: uci.data,
      sha256: uci.sha256,
    };
  }
  if (csv === undefined) {
    throw new UsageError(
      `train: no CSV file given; pass a CSV path (textdream train data.csv) or --default for the shipped training data`,
    );
  }
  const path = resolve(context.io.cwd, csv);
  const read = await readLabelledCsv(path, {
    textColumn: flags.textColumn,
    labelColumn: flags.labelColumn,
  });
  return {
    texts: read.examples,
    labelValues: read.labels as [string, string],
    blankRows: read.blankRows,
    data: csv,
    sha256: await sha256OfFile(path),
  };
}

function trainingSettings(flags: TrainFlags) {
  return {
    seed: flags.seed,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    learningRate: flags.learningRate,
    dropout: flags.dropout,
    l2: flags.l2,
    validationSplit: flags.validationSplit,
    testSplit: flags.testSplit,
  };
}

function epochReporter(context: CliContext, flags: TrainFlags) {
  const progress = context.progress(flags);
  return (report: EpochReport) => {
    const validation =
      report.validationAccuracy === undefined
        ? ""
        : ` val_acc ${report.validationAccuracy.toFixed(3)}`;
    progress(
      report.epoch / report.epochs,
      `epoch ${report.epoch}/${report.epochs} loss ${report.loss.toFixed(4)} acc ${report.accuracy.toFixed(3)}${validation}`,
    );
  };
}

function printMapping(
  context: CliContext,
  data: TrainingData,
  flags: TrainFlags,
): void {
  const logger: Logger = context.logger(flags);
  const counts = [0, 0];
  for (const text of data.texts) counts[text.label]! += 1;
  data.labelValues.forEach((value, index) => {
    logger.info(
      `label "${value}" -> class ${index} (${LABELS[index]}): ${counts[index]} rows`,
    );
  });
  if (data.blankRows > 0) {
    logger.info(`skipped ${data.blankRows} blank row(s)`);
  }
}

function printSummary(
  context: CliContext,
  flags: TrainFlags,
  out: string,
  model: SentimentModel,
  data: TrainingData,
  skippedLines: number[],
): void {
  const { metrics, training } = model.metadata;
  const summary = {
    out,
    labels: Object.fromEntries(
      data.labelValues.map((value, index) => [value, LABELS[index]]),
    ),
    rows: data.texts.length,
    blankRows: data.blankRows,
    skippedRows: skippedLines.length,
    metrics,
    training,
  };
  if (flags.json) {
    context.printJson(summary);
    return;
  }
  const percent = (value: number | undefined) =>
    value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`;
  context.print(`model written to ${out}`);
  context.print(
    `labels: ${data.labelValues.map((value, index) => `"${value}" -> class ${index} (${LABELS[index]})`).join(", ")}`,
  );
  context.print(
    `rows: ${summary.rows} (blank rows skipped: ${summary.blankRows}, rows without a known word: ${summary.skippedRows})`,
  );
  context.print(
    `accuracy: train ${percent(metrics.trainAccuracy)}, validation ${percent(metrics.validationAccuracy)}, test ${percent(metrics.testAccuracy)} (kept epoch ${training.bestEpoch} of ${training.epochs})`,
  );
}
