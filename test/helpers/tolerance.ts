import { expect } from "vitest";

/** Asserts that `actual` is within `tolerance` of `expected`. */
export function expectClose(
  actual: number,
  expected: number,
  tolerance = 1e-6,
): void {
  expect(
    Math.abs(actual - expected),
    `${actual} differs from ${expected} by more than ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}
