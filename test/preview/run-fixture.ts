import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { TrajectoryFile } from "../../src/dream/trajectory.js";

/** Shape of a hand-built run directory. */
export interface FixtureOptions {
  /** Context words besides the dream points. Default: 30. */
  words?: number;
  /** Steps per sentence. Default: 4. */
  steps?: number;
  /** Label of the first word row. Default: "word0". */
  firstLabel?: string;
  /** Replaces the text of vectors.tsv line `line` (1-based). */
  badLine?: { line: number; text: string };
}

const DIM = 8;
const SENTENCES = ["I hate this.", "I love this show."];

/**
 * Writes a small run directory by hand: vectors.tsv, metadata.tsv,
 * trajectory.json and projector_config.json for two dreamed sentences
 * and some context words, with deterministic vectors. Returns the points.
 */
export async function writeFixtureRun(
  dir: string,
  options: FixtureOptions = {},
): Promise<number> {
  const words = options.words ?? 30;
  const steps = options.steps ?? 4;
  const vectors: number[][] = [];
  const meta: string[] = [
    "label\tkind\tmode\tsentence\tstep\tpredicted\tp_positive\tobjective\tvalence\t__seq_next__",
  ];
  for (let w = 0; w < words; w++) {
    vectors.push(vectorOf(w, w % 3));
    const label = w === 0 ? (options.firstLabel ?? "word0") : `word${w}`;
    const valence = w % 5 === 0 ? String((w % 11) - 5) : "";
    meta.push(`${label}\tword\t\t\t\t\t\t\t${valence}\t`);
  }

  const trajectory = fixtureTrajectory(words, steps);

  for (const sentence of trajectory.sentences) {
    sentence.steps.forEach((step, k) => {
      vectors.push(vectorOf(step.row, sentence.index).map((v) => v + k * 0.3));
      let kind = "step";
      if (k === 0) kind = "start";
      if (k === steps - 1) kind = "end";
      const next = k === steps - 1 ? "" : String(step.row + 1);
      meta.push(
        `${sentence.text} [step ${k}]\t${kind}\tcontinuous\t${sentence.index}\t${k}\t${step.predicted}\t0.5\t${step.objective}\t\t${next}`,
      );
    });
  }

  const lines = vectors.map((v) => v.map((x) => x.toFixed(5)).join("\t"));
  if (options.badLine) lines[options.badLine.line - 1] = options.badLine.text;
  await writeFile(join(dir, "vectors.tsv"), `${lines.join("\n")}\n`);
  await writeFile(join(dir, "metadata.tsv"), `${meta.join("\n")}\n`);
  await writeFile(join(dir, "trajectory.json"), JSON.stringify(trajectory));

  const config = {
    embeddings: [
      {
        tensorName: "textdream",
        tensorShape: [vectors.length, DIM],
        tensorPath: "vectors.tsv",
        metadataPath: "metadata.tsv",
      },
    ],
  };
  await writeFile(
    join(dir, "projector_config.json"),
    `${JSON.stringify(config, null, 2)}\n`,
  );
  return vectors.length;
}

/** Builds the trajectory of the two fixture sentences, rows after the words. */
function fixtureTrajectory(words: number, steps: number): TrajectoryFile {
  return {
    format: "textdream-trajectory",
    version: 1,
    labels: ["negative", "positive"],
    objective: "norm:fc2",
    minimize: false,
    sentences: SENTENCES.map((text, s) => ({
      index: s,
      text,
      tokens: text.toLowerCase().split(" "),
      mode: "continuous",
      stopReason: "steps",
      steps: Array.from({ length: steps }, (_, k) => {
        const row = words + s * steps + k;
        return {
          step: k,
          row,
          objective: 1 + k * (s + 1) * 0.5,
          probabilities: [0.5, 0.5],
          predicted: s === 0 ? "negative" : "positive",
          neighbors: [
            { word: `near${s}${k}a`, similarity: 0.9 - k * 0.01 },
            { word: `near${s}${k}b`, similarity: 0.8 - k * 0.01 },
          ],
        };
      }),
    })),
  };
}

/** Returns a deterministic vector near cluster `cluster`'s centre. */
function vectorOf(seed: number, cluster: number): number[] {
  return Array.from({ length: DIM }, (_, j) => {
    const centre = j % 3 === cluster ? 3 : 0;
    return centre + Math.sin(seed * 12.9898 + j * 78.233) * 0.5;
  });
}
