import { beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "../../src/backend.js";
import { createWordVectors } from "../../src/embeddings/index.js";
import { activationFunction } from "../../src/dream/engine.js";
import { parseObjective } from "../../src/dream/objectives.js";
import { dreamTokens } from "../../src/dream/tokens.js";
import { embedSentence, tokenize } from "../../src/text/index.js";
import { buildToyModel } from "./toy-model.js";

const context = { units: { fc1: 8, fc2: 6 }, labels: ["negative", "positive"] };
const WORDS = [
  "this",
  "movie",
  "hate",
  "love",
  "great",
  "awful",
  "bad",
  "good",
  "show",
  "very",
  ".",
  ",",
  "!",
  "--",
];

function seededVectors() {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  const matrix = new Float32Array(WORDS.length * 4).map(() => next());
  return createWordVectors([...WORDS], matrix, 4);
}

beforeAll(async () => {
  await selectBackend({ requested: "cpu" });
});

describe("dreamTokens", () => {
  const vectors = seededVectors();
  const objective = parseObjective("norm:fc2", context);

  function dream(text: string, options = {}) {
    const embedding = embedSentence(vectors, text);
    const activations = activationFunction(buildToyModel());
    return dreamTokens(activations, vectors, embedding, 0, {
      objective,
      beam: 5,
      ...options,
    });
  }

  it("raises the objective at every accepted swap", () => {
    const result = dream("this movie very good .");
    expect(result.points.length).toBeGreaterThan(1);
    for (let i = 1; i < result.points.length; i++) {
      expect(result.points[i]!.objective).toBeGreaterThan(
        result.points[i - 1]!.objective,
      );
    }
  });

  it("recorded text re-embeds to the recorded vector", () => {
    const result = dream("this movie very good .");
    for (const point of result.points) {
      const again = embedSentence(vectors, point.text!).vector;
      for (let d = 0; d < again.length; d++) {
        expect(Math.abs(again[d]! - point.vector[d]!)).toBeLessThanOrEqual(
          1e-6,
        );
      }
    }
  });

  it("records each swap with its position", () => {
    const result = dream("this movie very good .");
    for (let i = 1; i < result.points.length; i++) {
      const swap = result.points[i]!.swap!;
      const before = tokenize(result.points[i - 1]!.text!);
      const after = tokenize(result.points[i]!.text!);
      expect(before[swap.position]).toBe(swap.from);
      expect(after[swap.position]).toBe(swap.to);
    }
  });

  it("never inserts punctuation or repeats", () => {
    const result = dream("this movie very good .");
    for (const point of result.points.slice(1)) {
      expect(point.swap!.to).toMatch(/^[a-z]+$/);
      const words = tokenize(point.text!).filter((t) => /[a-z]/.test(t));
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it("keeps frozen positions and words", () => {
    const result = dream("this movie very good .", { keep: ["0", "good"] });
    for (const point of result.points) {
      const tokens = tokenize(point.text!);
      expect(tokens[0]).toBe("this");
      expect(tokens[3]).toBe("good");
    }
  });

  it("stops after the step limit", () => {
    const result = dream("this movie very good .", { steps: 1 });
    expect(result.points.length).toBeLessThanOrEqual(2);
    expect(result.stopReason).toBe(
      result.points.length === 2 ? "steps" : "no-improvement",
    );
  });

  it("rejects a keep position past the end", () => {
    expect(() => dream("this movie .", { keep: ["9"] })).toThrow(
      "invalid --keep position 9: the sentence has 3 tokens (this movie .); use 0 to 2",
    );
  });
});
