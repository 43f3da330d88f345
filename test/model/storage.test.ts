import {
  mkdir,
  readdir,
  readFile,
  truncate,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import { FileFormatError, UsageError } from "../../src/errors.js";
import {
  defaultModelDir,
  loadModel,
  predictProbabilities,
  saveModel,
  trainClassifier,
} from "../../src/model/index.js";
import type { SentimentModel } from "../../src/model/index.js";
import { makeTempDir } from "../helpers/temp.js";
import { separableExamples } from "./synthetic.js";

let trained: SentimentModel;

beforeAll(async () => {
  await selectBackend({ requested: "cpu" });
  trained = await trainClassifier(separableExamples(40), {
    epochs: 2,
    seed: 5,
  });
});

describe("saveModel and loadModel", () => {
  it("round-trips weights and metadata", async () => {
    const dir = join(await makeTempDir(), "model");
    await saveModel(trained, dir);
    expect((await readdir(dir)).sort()).toEqual([
      "metadata.json",
      "model.json",
      "weights.bin",
    ]);
    const loaded = await loadModel(dir);
    expect(loaded.metadata).toEqual(trained.metadata);
    const input = separableExamples(3)
      .map((example) => [...example.vector])
      .flat();
    expect(predictProbabilities(loaded, new Float32Array(input), 3)).toEqual(
      predictProbabilities(trained, new Float32Array(input), 3),
    );
  });

  it("writes the standard LayersModel layout", async () => {
    const dir = join(await makeTempDir(), "model");
    await saveModel(trained, dir);
    const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    expect(json.format).toBe("layers-model");
    expect(json.weightsManifest[0].paths).toEqual(["./weights.bin"]);
    const bytes = (await readFile(join(dir, "weights.bin"))).byteLength;
    expect(bytes).toBe(4 * (8 * 256 + 256 + 256 * 512 + 512 + 512 * 2 + 2));
  });

  it("replaces a model, leaving no temp files", async () => {
    const parent = await makeTempDir();
    const dir = join(parent, "model");
    await saveModel(trained, dir);
    await saveModel(trained, dir);
    expect(await readdir(parent)).toEqual(["model"]);
  });

  it("refuses a directory of other files", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "notes.txt"), "keep me");
    await expect(saveModel(trained, dir)).rejects.toThrow(
      `saveModel: ${dir} contains other files (notes.txt), so it is not replaced; choose an empty or new directory for --out`,
    );
    expect(await readdir(dir)).toEqual(["notes.txt"]);
  });

  it.each(["model.json", "weights.bin", "metadata.json"])(
    "names a missing %s",
    async (name) => {
      const dir = join(await makeTempDir(), "model");
      await saveModel(trained, dir);
      await writeFile(join(dir, name), "");
      const { rm } = await import("node:fs/promises");
      await rm(join(dir, name));
      const error = await loadModel(dir).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        `loadModel: ${name} is missing from ${dir}; expected a directory written by \`textdream train --out\` holding model.json, weights.bin, metadata.json`,
      );
    },
  );

  it("detects truncated weights", async () => {
    const dir = join(await makeTempDir(), "model");
    await saveModel(trained, dir);
    const path = join(dir, "weights.bin");
    const size = (await readFile(path)).byteLength;
    await truncate(path, size - 4);
    const error = await loadModel(dir).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as Error).message).toBe(
      `loadModel: ${path} contains ${size - 4} bytes, expected ${size} for the weights listed in model.json; the file is truncated or from another model`,
    );
  });

  it.each([
    [NaN, "first"],
    [-Infinity, "last"],
  ])("names a %s weight, the %s value", async (bad, where) => {
    const dir = join(await makeTempDir(), "model");
    await saveModel(trained, dir);
    const path = join(dir, "weights.bin");
    const bytes = await readFile(path);
    const values = new Float32Array(
      bytes.buffer,
      bytes.byteOffset,
      bytes.length / 4,
    );
    values[where === "first" ? 0 : values.length - 1] = bad;
    await writeFile(path, bytes);
    const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    const specs = json.weightsManifest[0].weights as {
      name: string;
      shape: number[];
    }[];
    const spec = where === "first" ? specs[0]! : specs.at(-1)!;
    const index =
      where === "first" ? 0 : spec.shape.reduce((a, b) => a * b, 1) - 1;
    const error = await loadModel(dir).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as Error).message).toBe(
      `loadModel: ${path} contains ${bad} at value ${index} of weight "${spec.name}"; expected finite numbers. Retrain the model or restore its files.`,
    );
  });

  it("rejects foreign metadata", async () => {
    const dir = join(await makeTempDir(), "model");
    await saveModel(trained, dir);
    await writeFile(join(dir, "metadata.json"), '{"format":"other"}');
    await expect(loadModel(dir)).rejects.toThrow(
      `loadModel: ${join(dir, "metadata.json")} has format "other", expected "textdream-model"; train the model again with \`textdream train\``,
    );
  });

  it("resolves the default directory", () => {
    const expected = fileURLToPath(
      new URL("../../models/default", import.meta.url),
    );
    expect(defaultModelDir().replace(/[\\/]$/, "")).toBe(expected);
  });
});
