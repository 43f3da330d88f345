import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { FileFormatError } from "../errors.js";
import type { LabelledText } from "./csv.js";

/** Files of the UCI Sentiment Labelled Sentences set inside `sentiment`. */
export const DEFAULT_DATA_FILES = ["amazon", "yelp", "imdb"] as const;

/** Name of the default training data, written to the model metadata. */
export const DEFAULT_DATA_NAME =
  "UCI Sentiment Labelled Sentences (Kotzias et al., 2015), npm sentiment test/fixtures/{amazon,yelp,imdb}.json";

/** The default training set and its checksum. */
export interface DefaultTrainingData {
  /** 3,000 sentences, label 0 negative and 1 positive. */
  examples: LabelledText[];
  /** sha256 (hex) of the three JSON files' bytes, concatenated in order. */
  sha256: string;
  /** Description of the source, for the metadata. */
  data: string;
}

/**
 * Reads the 3,000 labelled sentences (1,000 each from Amazon, Yelp and
 * IMDB) that the npm package `sentiment` ships as test fixtures. Entries
 * without a 0/1 class (each file ends with one empty entry) are skipped.
 */
export async function loadDefaultTrainingData(): Promise<DefaultTrainingData> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("sentiment/package.json"));
  const hash = createHash("sha256");
  const examples: LabelledText[] = [];
  for (const name of DEFAULT_DATA_FILES) {
    const path = join(root, "test", "fixtures", `${name}.json`);
    const bytes = await readFile(path);
    hash.update(bytes);
    examples.push(...parseFixture(bytes.toString("utf8"), path));
  }
  return { examples, sha256: hash.digest("hex"), data: DEFAULT_DATA_NAME };
}

function parseFixture(text: string, path: string): LabelledText[] {
  const entries = JSON.parse(text) as unknown;
  if (!Array.isArray(entries)) {
    throw new FileFormatError(
      `loadDefaultTrainingData: ${path} contains ${typeof entries}, expected an array of {text, class}; reinstall the sentiment package`,
    );
  }
  const examples: LabelledText[] = [];
  entries.forEach((entry: { text?: unknown; class?: unknown }, index) => {
    const label = entry.class;
    if (typeof entry.text !== "string" || entry.text.trim() === "") return;
    if (label !== 0 && label !== 1) return;
    examples.push({ text: entry.text, label, line: index + 1 });
  });
  return examples;
}
