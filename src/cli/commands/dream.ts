import { relative, resolve } from "node:path";

import { Command, Option } from "commander";

import { UsageError } from "../../errors.js";
import { readCsvColumn, readSentenceLines } from "../../dream/input.js";
import { OPTIMIZERS } from "../../dream/optimizer.js";
import type { DreamRunOptions } from "../../dream/run.js";
import { DEFAULT_FLUENCY, DREAM_MODES } from "../../dream/settings.js";
import type { DreamMode } from "../../dream/settings.js";
import { summarizeTrajectory } from "../../dream/summary.js";
import type { SentenceSummary } from "../../dream/summary.js";
import type { SentenceTrajectory } from "../../dream/trajectory.js";
import type { CliContext, CommonOptions } from "../context.js";
import { choiceOption, integerOption, numberOption } from "../options.js";

interface DreamFlags extends CommonOptions {
  file?: string;
  csv?: string;
  textColumn: string;
  steps: number;
  lr: number;
  optimizer: DreamRunOptions["optimizer"];
  objective: string;
  minimize?: boolean;
  topK: number;
  vocabSize: number;
  context: number;
  recordEvery: number;
  seed: number;
  model?: string;
  out?: string;
  force?: boolean;
  format: "tsv" | "bytes";
  tensorboard?: boolean;
  digits: number;
  preview?: boolean;
  mode: DreamMode;
  beam: number;
  keep?: string;
  allowRepeats?: boolean;
  allowPunct?: boolean;
  stopwords: "keep" | "free";
  jobs?: number;
  fluency: number;
}

/** Builds the `dream` command, the main job of textdream. */
export function dreamCommand(context: CliContext): Command {
  return new Command("dream")
    .summary("dream over sentences and write Embedding Projector files")
    .description(
      "Climb the gradient of a classifier activation with respect to each sentence vector, record every step with its nearest words, and write a run directory of Embedding Projector files.",
    )
    .argument("[sentence...]", "sentences to dream over")
    .option("--file <path>", "read sentences from a file, one per line")
    .option("--csv <path>", "read sentences from a column of a CSV file")
    .option("--text-column <name>", "CSV column holding the sentences", "text")
    .option(
      "--steps <n>",
      "optimiser steps (token swaps with --mode tokens)",
      integerOption({ min: 1 }),
      100,
    )
    .option(
      "--lr <rate>",
      "step size of the continuous dream",
      numberOption(),
      0.01,
    )
    .addOption(
      new Option(
        "--optimizer <name>",
        "normalized: e += lr / mean(|grad|) * grad; adam: Adam on the vector",
      )
        .choices(OPTIMIZERS)
        .default("normalized"),
    )
    .option(
      "--objective <name>",
      "norm:fc1, norm:fc2, neuron:fc2:<index>, or class:<label> (its logit)",
      "norm:fc2",
    )
    .option("--minimize", "descend the objective instead of climbing it")
    .option(
      "--top-k <n>",
      "nearest words recorded per step",
      integerOption({ min: 1 }),
      10,
    )
    .option(
      "--vocab-size <n>",
      "most frequent words searched for neighbours and swaps",
      integerOption({ min: 1 }),
      50_000,
    )
    .option(
      "--context <n>",
      "most frequent words added as context points (plus the AFINN-165 words)",
      integerOption({ min: 0 }),
      2_000,
    )
    .option(
      "--record-every <n>",
      "record every Nth step (the first and last always)",
      integerOption({ min: 1 }),
      1,
    )
    .option(
      "--seed <n>",
      "seed for every random choice, recorded in the manifest",
      integerOption({ min: 0 }),
      0,
    )
    .option("--model <dir>", "model directory (default: the shipped model)")
    .option("--out <dir>", "run directory (default: output/<slug>-<hash>)")
    .option("--force", "replace an existing run directory")
    .addOption(
      new Option("--format <format>", "vectors file format")
        .choices(["tsv", "bytes"])
        .default("tsv"),
    )
    .option(
      "--tensorboard",
      "also write projector_config.pbtxt for TensorBoard",
    )
    .option(
      "--digits <n>",
      "significant digits in vectors.tsv",
      integerOption({ min: 1, max: 9 }),
      6,
    )
    .option("--preview", "also write the HTML preview and figures")
    .addOption(
      new Option(
        "--mode <mode>",
        "continuous moves the vector, tokens swaps words, both runs each",
      )
        .choices(DREAM_MODES)
        .default("continuous"),
    )
    .option(
      "--beam <n>",
      "token mode: candidates re-scored exactly per swap",
      integerOption({ min: 1 }),
      10,
    )
    .option(
      "--keep <list>",
      "token mode: comma-separated positions (0-based) or words never swapped",
    )
    .option(
      "--fluency <weight>",
      "token mode: objective units traded per nat of unigram surprisal (0 ranks by the objective alone)",
      numberOption({ min: 0 }),
      DEFAULT_FLUENCY,
    )
    .option("--allow-repeats", "token mode: let one word fill two positions")
    .option(
      "--allow-punct",
      "token mode: let punctuation be replaced and punctuation-only words be inserted",
    )
    .addOption(
      new Option(
        "--stopwords <policy>",
        "token mode: keep freezes stopwords, free lets them change",
      )
        .choices(["keep", "free"])
        .default("free"),
    )
    .option(
      "--jobs <n>",
      "threads that dream, the main one included; the output is the same for any number (default: the number of cores)",
      integerOption({ min: 1 }),
    )
    .option(
      "--backend <name>",
      "TensorFlow.js backend: tensorflow, wasm or cpu",
    )
    .option("--json", "print the result as JSON on stdout")
    .option("--verbose", "print diagnostics on stderr")
    .action(async (sentences: string[], flags: DreamFlags) => {
      await dreamAction(context, sentences, flags);
    });
}

async function dreamAction(
  context: CliContext,
  positional: string[],
  flags: DreamFlags,
): Promise<void> {
  const logger = context.logger(flags);
  const sentences = await gatherSentences(positional, flags, context);
  // TensorFlow.js takes a third of a second to import, so only the commands
  // that run a model load it.
  const { selectBackend } = await import("../../backend.js");
  const { runDream } = await import("../../dream/run.js");
  const backend = await selectBackend({ requested: flags.backend, logger });
  const result = await runDream(sentences, {
    steps: flags.steps,
    learningRate: flags.lr,
    optimizer: flags.optimizer,
    objective: flags.objective,
    minimize: flags.minimize,
    topK: flags.topK,
    vocabSize: flags.vocabSize,
    context: flags.context,
    recordEvery: flags.recordEvery,
    seed: flags.seed,
    modelDir: flags.model,
    out: flags.out,
    force: flags.force,
    format: flags.format,
    tensorboard: flags.tensorboard,
    digits: flags.digits,
    mode: flags.mode,
    beam: flags.beam,
    keep: flags.keep?.split(",").map((item) => item.trim()),
    allowRepeats: flags.allowRepeats,
    allowPunct: flags.allowPunct,
    stopwords: flags.stopwords,
    jobs: flags.jobs,
    fluency: flags.fluency,
    cwd: context.io.cwd,
    backend,
    logger,
    onProgress: context.progress(flags),
  });
  if (flags.preview) {
    const { previewRun } = await import("../../preview/index.js");
    await previewRun(result.dir, {
      seed: flags.seed,
      logger,
      onProgress: context.progress(flags),
    });
  }
  const summaries = summarizeTrajectory(result.trajectory);
  const runPath = relative(context.io.cwd, result.dir) || result.dir;
  if (flags.json) {
    context.printJson({
      run: result.dir,
      points: result.points,
      backend,
      sentences: summaries,
    });
    return;
  }
  for (const summary of summaries) printSummary(context, summary);
  for (const sentence of result.trajectory.sentences) {
    if (sentence.mode === "tokens") printSwaps(context, sentence);
  }
  context.print(`run: ${runPath} (${result.points} points)`);
  context.print(`next: textdream preview ${runPath}`);
  context.print(`      textdream publish ${runPath}`);
}

async function gatherSentences(
  positional: string[],
  flags: DreamFlags,
  context: CliContext,
): Promise<string[]> {
  const sentences = [...positional];
  const logger = context.logger(flags);
  if (flags.file !== undefined) {
    const read = await readSentenceLines(
      resolve(context.io.cwd, flags.file),
      flags.file,
    );
    if (read.blankLines > 0) {
      logger.info(
        `skipped ${read.blankLines} blank ${read.blankLines === 1 ? "line" : "lines"} in ${flags.file}`,
      );
    }
    sentences.push(...read.sentences);
  }
  if (flags.csv !== undefined) {
    const read = await readCsvColumn(
      resolve(context.io.cwd, flags.csv),
      flags.textColumn,
      flags.csv,
    );
    if (read.blankRows > 0) {
      logger.info(`skipped ${read.blankRows} blank rows in ${flags.csv}`);
    }
    sentences.push(...read.sentences);
  }
  if (sentences.length === 0) {
    throw new UsageError(
      `no sentence given: pass sentences as arguments, e.g. textdream dream "I hate this.", or use --file or --csv`,
    );
  }
  return sentences;
}

function printSummary(context: CliContext, s: SentenceSummary): void {
  const mode = s.mode === "tokens" ? " [tokens]" : "";
  context.print(`${s.index + 1}. ${s.text}${mode}`);
  if (s.mode === "tokens") context.print(`   dreamed:    ${s.finalText}`);
  context.print(
    `   predicted:  ${s.predictedBefore} ${s.confidenceBefore.toFixed(2)} -> ${s.predictedAfter} ${s.confidenceAfter.toFixed(2)}`,
  );
  context.print(
    `   objective:  ${s.objectiveBefore.toFixed(3)} -> ${s.objectiveAfter.toFixed(3)} after ${s.steps} steps`,
  );
  context.print(`   before:     ${s.neighborsBefore.join(", ")}`);
  context.print(`   after:      ${s.neighborsAfter.join(", ")}`);
}

function printSwaps(context: CliContext, sentence: SentenceTrajectory): void {
  context.print(`${sentence.index + 1}. swaps of "${sentence.text}":`);
  for (const step of sentence.steps.slice(1)) {
    const swap = step.swap!;
    context.print(
      `   step ${step.step}: ${swap.from} -> ${swap.to}: ${step.text} (objective ${step.objective.toFixed(3)})`,
    );
  }
}
