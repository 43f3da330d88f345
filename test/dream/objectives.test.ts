import * as tf from "../../src/tf.js";
import { describe, expect, it } from "vitest";

import {
  evaluateObjective,
  parseObjective,
} from "../../src/dream/objectives.js";
import { UsageError } from "../../src/errors.js";

const context = {
  units: { fc1: 256, fc2: 512 },
  labels: ["negative", "positive"],
};

describe("parseObjective", () => {
  it.each([
    ["norm:fc2", { kind: "norm", layer: "fc2", name: "norm:fc2" }],
    ["norm:fc1", { kind: "norm", layer: "fc1", name: "norm:fc1" }],
    [
      "neuron:fc2:511",
      { kind: "neuron", layer: "fc2", index: 511, name: "neuron:fc2:511" },
    ],
    [
      "class:negative",
      {
        kind: "class",
        label: "negative",
        labelIndex: 0,
        name: "class:negative",
      },
    ],
  ])("parses %s", (spec, expected) => {
    expect(parseObjective(spec, context)).toEqual(expected);
  });

  it.each([
    ["norm:fc3", "unknown objective"],
    ["dream", "unknown objective"],
    ["neuron:fc2:512", "neuron index must be a whole number from 0 to 511"],
    ["neuron:fc1:-1", "neuron index must be a whole number from 0 to 255"],
    ["neuron:fc2:1.5", "neuron index must be a whole number from 0 to 511"],
    ["class:neutral", 'unknown class "neutral"'],
  ])("rejects %s", (spec, reason) => {
    expect(() => parseObjective(spec, context)).toThrow(UsageError);
    expect(() => parseObjective(spec, context)).toThrow(
      `invalid objective "${spec}": ${reason}; valid objectives: norm:fc1, norm:fc2, neuron:fc1:<0-255>, neuron:fc2:<0-511>, class:negative, class:positive`,
    );
  });
});

describe("evaluateObjective", () => {
  it("norm has a zero gradient at zero", () => {
    const objective = parseObjective("norm:fc1", context);
    const gradient = tf.grad((x: tf.Tensor) =>
      tf.sum(
        evaluateObjective(objective, {
          fc1: x as tf.Tensor2D,
          fc2: x as tf.Tensor2D,
          logits: x as tf.Tensor2D,
        }),
      ),
    )(tf.zeros([1, 3]));
    expect(Array.from(gradient.dataSync())).toEqual([0, 0, 0]);
  });

  it("norm equals the L2 norm", () => {
    const objective = parseObjective("norm:fc2", context);
    const layer = tf.tensor2d([
      [3, 4],
      [0, 0],
    ]);
    const value = evaluateObjective(objective, {
      fc1: layer,
      fc2: layer,
      logits: layer,
    }).dataSync();
    expect(value[0]).toBeCloseTo(5, 6);
    expect(value[1]).toBeCloseTo(0, 6);
  });
});
