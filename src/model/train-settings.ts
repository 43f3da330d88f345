import { UsageError } from "../errors.js";
import type { LabelledVector } from "./evaluate.js";
import type { TrainOptions } from "./train.js";

/** Training options with every default filled in. */
export type Settings = Required<
  Pick<
    TrainOptions,
    | "seed"
    | "epochs"
    | "validationSplit"
    | "batchSize"
    | "learningRate"
    | "dropout"
    | "l2"
  >
>;

/** Fills in the defaults of `options` and checks every value. */
export function settingsOf(options: TrainOptions): Settings {
  const settings: Settings = {
    seed: options.seed ?? 0,
    epochs: options.epochs ?? 30,
    validationSplit: options.validationSplit ?? 0.1,
    batchSize: options.batchSize ?? 64,
    learningRate: options.learningRate ?? 0.001,
    dropout: options.dropout ?? 0.5,
    l2: options.l2 ?? 0.0001,
  };
  checkSettings(settings);
  return settings;
}

function checkSettings(settings: Settings): void {
  const rules: [keyof Settings, boolean, string][] = [
    ["seed", Number.isSafeInteger(settings.seed), "a whole number"],
    ["epochs", isWhole(settings.epochs, 1), "a whole number >= 1"],
    ["batchSize", isWhole(settings.batchSize, 1), "a whole number >= 1"],
    ["validationSplit", inUnit(settings.validationSplit), "in [0, 1)"],
    ["dropout", inUnit(settings.dropout), "in [0, 1)"],
    ["learningRate", settings.learningRate > 0, "a number > 0"],
    ["l2", settings.l2 >= 0, "a number >= 0"],
  ];
  for (const [name, ok, expected] of rules) {
    if (!ok) {
      throw new UsageError(
        `trainClassifier: ${name} ${settings[name]} is invalid, expected ${expected}; pass a valid --${kebab(name)}`,
      );
    }
  }
}

/** Checks the examples and returns their vector length. */
export function checkExamples(examples: readonly LabelledVector[]): number {
  const dim = examples[0]?.vector.length ?? 0;
  const counts = [0, 0];
  for (const example of examples) {
    if (example.vector.length !== dim || dim === 0) {
      throw new UsageError(
        `trainClassifier: a vector has ${example.vector.length} numbers, expected ${dim}; embed every example with the same vocabulary`,
      );
    }
    if (example.label !== 0 && example.label !== 1) {
      throw new UsageError(
        `trainClassifier: label ${example.label} is not a class, expected 0 or 1; map label values to classes first`,
      );
    }
    counts[example.label] = (counts[example.label] ?? 0) + 1;
  }
  if ((counts[0] ?? 0) < 1 || (counts[1] ?? 0) < 1) {
    throw new UsageError(
      `trainClassifier: got ${counts[0]} examples of class 0 and ${counts[1]} of class 1, expected at least 1 of each; add examples of the missing class`,
    );
  }
  return dim;
}

const isWhole = (value: number, min: number) =>
  Number.isInteger(value) && value >= min;
const inUnit = (value: number) => value >= 0 && value < 1;
const kebab = (name: string) =>
  name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
