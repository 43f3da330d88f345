import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { loadModel } from "../../src/model/index.js";
import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";

const POSITIVE = ["great", "wonderful", "excellent", "lovely", "superb"];
const NEGATIVE = ["awful", "terrible", "horrible", "dreadful", "poor"];

/** Builds `rows` CSV lines alternating positive and negative reviews. */
function reviews(
  rows: number,
  format: (text: string, label: string) => string,
) {
  return Array.from({ length: rows }, (_, index) => {
    const words = index % 2 === 0 ? POSITIVE : NEGATIVE;
    const text = `a ${words[index % 5]} film, ${words[(index + 2) % 5]} acting`;
    return format(text, index % 2 === 0 ? "positive" : "negative");
  });
}

async function inTemp(name: string, content: string) {
  const dir = await makeTempDir();
  await writeFile(join(dir, name), content);
  return dir;
}

describe("textdream train", () => {
  it("trains a CSV and lists the labels", async () => {
    const lines = reviews(40, (text, label) => `"${text}",${label}`);
    const dir = await inTemp("data.csv", `text,label\n${lines.join("\n")}\n`);
    const result = await runTextdream(
      ["train", "data.csv", "--epochs", "3", "--out", "m", "--seed", "2"],
      { cwd: dir },
    );
    expect(result.stderr).toContain(
      'label "negative" -> class 0 (negative): 20 rows\nlabel "positive" -> class 1 (positive): 20 rows\n',
    );
    expect(result.stderr).toMatch(
      /epoch 1\/3 loss \d\.\d{4} acc \d\.\d{3} val_acc \d\.\d{3}/,
    );
    expect(result.stderr).toMatch(/epoch 3\/3 loss/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `model written to ${join(dir, "m")}\nlabels: "negative" -> class 0 (negative), "positive" -> class 1 (positive)\nrows: 40 (blank rows skipped: 0, rows without a known word: 0)\n`,
    );
    const model = await loadModel(join(dir, "m"));
    expect(model.metadata.training).toMatchObject({
      data: "data.csv",
      seed: 2,
      epochs: 3,
      labelValues: ["negative", "positive"],
      testExamples: 8,
    });
  });

  it("trains IMDB-shaped rows by column names", async () => {
    const lines = reviews(
      30,
      (text, label) => `"${text}.<br /><br />I ""mean"" it.",${label}`,
    );
    const dir = await inTemp(
      "imdb.csv",
      `review,sentiment\n${lines.join("\n")}\n`,
    );
    const result = await runTextdream(
      [
        "train",
        "imdb.csv",
        "--text-column",
        "review",
        "--label-column",
        "sentiment",
        "--epochs",
        "2",
        "--json",
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("warning");
    const summary = JSON.parse(result.stdout);
    expect(summary.labels).toEqual({
      negative: "negative",
      positive: "positive",
    });
    expect(summary.rows).toBe(30);
    expect(await readdir(join(dir, "model"))).toHaveLength(3);
  });

  it("counts a blank row, keeps a quoted break", async () => {
    const dir = await inTemp(
      "two.csv",
      'text,label\r\n"great\r\nfilm",1\r\n\r\nawful film,0\r\n',
    );
    const result = await runTextdream(
      ["train", "two.csv", "--epochs", "1", "--json"],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.rows).toBe(2);
    expect(summary.blankRows).toBe(1);
    expect(summary.labels).toEqual({ "0": "negative", "1": "positive" });
  });

  it("stops at a stray quote, writing nothing", async () => {
    const dir = await inTemp("bad.csv", 'text,label\n"great film,1\nawful,0\n');
    const result = await runTextdream(["train", "bad.csv"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: readLabelledCsv: \S+bad\.csv line 2 is malformed \(a stray quote: /,
    );
    expect(await readdir(dir)).toEqual(["bad.csv"]);
  });

  it.each([
    [
      "a third label",
      "text,label\ngood,pos\nbad,neg\nodd,meh\n",
      'line 4 has a third label value "meh", expected one of the two already seen ("pos", "neg")',
    ],
    [
      "a missing column",
      "review,sentiment\ngood,pos\n",
      'has no column "text"; the columns present are "review", "sentiment"',
    ],
  ])("rejects %s with exit 1", async (_, content, expected) => {
    const dir = await inTemp("data.csv", content);
    const result = await runTextdream(["train", "data.csv"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expected);
    expect(await readdir(dir)).toEqual(["data.csv"]);
  });

  it("requires a CSV or --default", async () => {
    const result = await runTextdream(["train"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "error: train: no CSV file given; pass a CSV path (textdream train data.csv) or --default for the shipped training data\n",
    );
  });

  it("documents units in --help", async () => {
    const result = await runTextdream(["train", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--text-column",
      "--epochs",
      "--seed",
      "--out",
      "--backend",
      "--json",
      "--verbose",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('(default: "text")');
  });
});
