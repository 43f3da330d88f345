import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parsePlainDecimal } from "../../src/export/parse-number.js";

function parse(text: string): number {
  return parsePlainDecimal(text, 0, text.length);
}

describe("plain decimal parser", () => {
  it("equals Number on random decimals", () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{0,8}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,8}$/)),
      )
      .map(([minus, whole, fraction]) => {
        const body = fraction === null ? whole : `${whole}.${fraction}`;
        return `${minus ? "-" : ""}${body}`;
      })
      .filter((text) => /[0-9]/.test(text));
    fc.assert(
      fc.property(decimal, (text) => {
        const digits = text.replace(/[^0-9]/g, "").length;
        const expected = digits > 15 ? NaN : Number(text);
        expect(Object.is(parse(text), expected)).toBe(true);
      }),
    );
  });

  it.each([
    ["-0", -0],
    ["0.1", 0.1],
    [".5", 0.5],
    ["7.", 7],
    ["-0.038194", -0.038194],
    ["123456789012345", 123456789012345],
  ])("parses %s", (text, expected) => {
    expect(Object.is(parse(text), expected)).toBe(true);
  });

  it.each(["", "-", "+1", "1e5", "NaN", "1.2.3", " 1", "1234567890123456"])(
    "leaves %j to Number",
    (text) => {
      expect(parse(text)).toBeNaN();
    },
  );
});
