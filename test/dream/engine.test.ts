import * as tf from "../../src/tf.js";
import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import { activationFunction, dreamContinuous } from "../../src/dream/engine.js";
import { parseObjective } from "../../src/dream/objectives.js";
import { buildToyModel } from "./toy-model.js";

const context = { units: { fc1: 8, fc2: 6 }, labels: ["negative", "positive"] };

beforeAll(async () => {
  await selectBackend({ requested: "cpu" });
});

function starts() {
  return [
    { text: "first", vector: new Float32Array([0.5, -0.2, 0.3, 0.1]) },
    { text: "second", vector: new Float32Array([-0.4, 0.6, 0.2, -0.3]) },
  ];
}

describe("dreamContinuous", () => {
  it("raises the objective at every step", () => {
    const model = buildToyModel();
    const dreams = dreamContinuous(activationFunction(model), starts(), {
      objective: parseObjective("norm:fc2", context),
      steps: 30,
    });
    for (const dream of dreams) {
      expect(dream.points).toHaveLength(31);
      for (let i = 1; i < dream.points.length; i++) {
        expect(dream.points[i]!.objective).toBeGreaterThan(
          dream.points[i - 1]!.objective,
        );
      }
    }
  });

  it("minimize lowers the objective", () => {
    const model = buildToyModel();
    const [dream] = dreamContinuous(activationFunction(model), starts(), {
      objective: parseObjective("class:positive", context),
      steps: 10,
      minimize: true,
    });
    expect(dream!.points.at(-1)!.objective).toBeLessThan(
      dream!.points[0]!.objective,
    );
  });

  it("leaves the model weights unchanged", () => {
    const model = buildToyModel();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    dreamContinuous(activationFunction(model), starts(), {
      objective: parseObjective("norm:fc2", context),
      steps: 5,
      optimizer: "adam",
    });
    const after = model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(after).toEqual(before);
  });

  it("records every Nth step plus the last", () => {
    const model = buildToyModel();
    const [dream] = dreamContinuous(activationFunction(model), starts(), {
      objective: parseObjective("norm:fc1", context),
      steps: 10,
      recordEvery: 4,
    });
    expect(dream!.points.map((p) => p.step)).toEqual([0, 4, 8, 10]);
  });

  it("stops on dead ReLUs without NaN", () => {
    const model = buildToyModel({ fc1Bias: -100, fc2Bias: 0 });
    const warnings: string[] = [];
    const dreams = dreamContinuous(activationFunction(model), starts(), {
      objective: parseObjective("norm:fc2", context),
      steps: 10,
      logger: { debug() {}, info() {}, warn: (m) => warnings.push(m) },
    });
    for (const dream of dreams) {
      expect(dream.stopReason).toBe("zero-gradient");
      expect(dream.points).toHaveLength(1);
      const point = dream.points[0]!;
      expect(point.objective).toBeGreaterThan(0);
      expect(point.objective).toBeLessThan(1e-11);
      expect(Array.from(point.vector).every(Number.isFinite)).toBe(true);
      expect(point.probabilities.every(Number.isFinite)).toBe(true);
    }
    expect(warnings).toEqual([
      'sentence 1 ("first"): the gradient of norm:fc2 is exactly zero at step 0 (every ReLU unit it reads is inactive), so its dream stopped there; try another --objective or model',
      'sentence 2 ("second"): the gradient of norm:fc2 is exactly zero at step 0 (every ReLU unit it reads is inactive), so its dream stopped there; try another --objective or model',
    ]);
  });

  it("keeps tensors from leaking", () => {
    const model = buildToyModel();
    const activations = activationFunction(model);
    const before = tf.memory().numTensors;
    dreamContinuous(activations, starts(), {
      objective: parseObjective("norm:fc2", context),
      steps: 5,
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
