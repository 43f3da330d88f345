import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.js";
import { mapLabelValues } from "../../src/model/index.js";

describe("mapLabelValues", () => {
  it.each([
    [
      ["positive", "negative"],
      ["negative", "positive"],
    ],
    [
      ["neg", "pos"],
      ["neg", "pos"],
    ],
    [
      ["1", "0"],
      ["0", "1"],
    ],
    [
      ["true", "false"],
      ["false", "true"],
    ],
    [
      ["Positive", "Negative"],
      ["Negative", "Positive"],
    ],
    [
      ["positive", "meh"],
      ["meh", "positive"],
    ],
    [
      ["bad", "negative"],
      ["negative", "bad"],
    ],
    [
      ["spam", "ham"],
      ["ham", "spam"],
    ],
    [
      ["10", "2"],
      ["2", "10"],
    ],
    [
      ["-1", "1"],
      ["-1", "1"],
    ],
  ])("maps %j to %j", (values, expected) => {
    expect(mapLabelValues(values)).toEqual(expected);
  });

  it("rejects a single value", () => {
    expect(() => mapLabelValues(["positive"])).toThrow(UsageError);
    expect(() => mapLabelValues(["positive"])).toThrow(
      'mapLabelValues: got 1 label value(s) ("positive"), expected exactly 2; a classifier needs examples of both classes',
    );
  });
});
