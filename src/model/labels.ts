import { UsageError } from "../errors.js";

/** Label spellings that name a class by themselves (compared lowercased). */
export const LABEL_SPELLINGS: Readonly<Record<string, 0 | 1>> = {
  negative: 0,
  neg: 0,
  "0": 0,
  false: 0,
  positive: 1,
  pos: 1,
  "1": 1,
  true: 1,
};

/**
 * Maps the two label values seen in a data set to classes and returns them
 * as [value of class 0, value of class 1]. Values that spell a class
 * (negative/neg/0/false, positive/pos/1/true, any case) go to that class;
 * otherwise the values are sorted (numerically when both are numbers) and
 * the first becomes class 0.
 */
export function mapLabelValues(values: readonly string[]): [string, string] {
  if (values.length !== 2) {
    throw new UsageError(
      `mapLabelValues: got ${values.length} label value(s) (${values.map((v) => `"${v}"`).join(", ")}), expected exactly 2; a classifier needs examples of both classes`,
    );
  }
  const [a, b] = values as [string, string];
  const classA = LABEL_SPELLINGS[a.toLowerCase()];
  const classB = LABEL_SPELLINGS[b.toLowerCase()];
  if (classA !== undefined && classB !== undefined && classA !== classB) {
    return classA === 0 ? [a, b] : [b, a];
  }
  if (classA !== undefined && classB === undefined) {
    return classA === 0 ? [a, b] : [b, a];
  }
  if (classB !== undefined && classA === undefined) {
    return classB === 0 ? [b, a] : [a, b];
  }
  return compareLabels(a, b) <= 0 ? [a, b] : [b, a];
}

function compareLabels(a: string, b: string): number {
  const numberA = Number(a);
  const numberB = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && isFinite(numberA + numberB)) {
    return numberA - numberB;
  }
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
