import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import { UsageError } from "../../src/errors.js";
import type { EpochReport } from "../../src/model/index.js";
import { accuracyOf, trainClassifier } from "../../src/model/index.js";
import { separableExamples } from "./synthetic.js";

beforeAll(async () => {
  await selectBackend({ requested: "cpu" });
});

describe("trainClassifier", () => {
  it("learns a separable set", async () => {
    const reports: EpochReport[] = [];
    const trained = await trainClassifier(separableExamples(120), {
      epochs: 4,
      seed: 1,
      onEpoch: (report) => reports.push(report),
    });
    expect(reports.map((report) => report.epoch)).toEqual([1, 2, 3, 4]);
    expect(reports[3]!.loss).toBeLessThan(reports[0]!.loss);
    expect(trained.metadata.metrics.validationAccuracy).toBeGreaterThan(0.9);
    expect(
      accuracyOf(trained.model, separableExamples(100, 8, 9)),
    ).toBeGreaterThan(0.9);
  });

  it("records the run in the metadata", async () => {
    const trained = await trainClassifier(separableExamples(100), {
      epochs: 2,
      seed: 4,
      validationSplit: 0.2,
      data: "toy",
      sha256: "abc",
    });
    const { training, architecture, embedding } = trained.metadata;
    expect(training).toMatchObject({
      data: "toy",
      sha256: "abc",
      examples: 80,
      validationExamples: 20,
      seed: 4,
      epochs: 2,
    });
    expect(architecture).toEqual({
      hidden: [256, 512],
      dropout: 0.5,
      l2: 0.0001,
    });
    expect(embedding.dim).toBe(8);
    expect(trained.metadata.labels).toEqual(["negative", "positive"]);
  });

  it("gives one model per seed", async () => {
    const weights = async (seed: number) => {
      const trained = await trainClassifier(separableExamples(60), {
        epochs: 2,
        seed,
      });
      return trained.model.getLayer("fc2").getWeights()[0]!.dataSync();
    };
    const first = await weights(2);
    expect(await weights(2)).toEqual(first);
    expect(await weights(3)).not.toEqual(first);
  });

  it.each([
    [
      { epochs: 0 },
      "trainClassifier: epochs 0 is invalid, expected a whole number >= 1; pass a valid --epochs",
    ],
    [
      { dropout: 1 },
      "trainClassifier: dropout 1 is invalid, expected in [0, 1); pass a valid --dropout",
    ],
    [
      { validationSplit: -0.1 },
      "trainClassifier: validationSplit -0.1 is invalid, expected in [0, 1); pass a valid --validation-split",
    ],
  ])("rejects %j", async (options, message) => {
    await expect(
      trainClassifier(separableExamples(20), options),
    ).rejects.toThrow(new UsageError(message));
  });

  it("rejects a single class", async () => {
    const examples = separableExamples(20).map((example) => ({
      ...example,
      label: 1,
    }));
    await expect(trainClassifier(examples)).rejects.toThrow(
      "trainClassifier: got 0 examples of class 0 and 20 of class 1, expected at least 1 of each; add examples of the missing class",
    );
  });
});
