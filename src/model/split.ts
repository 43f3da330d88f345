import type { Random } from "./random.js";
import { shuffleInPlace } from "./random.js";

/** Two disjoint sets of example indices. */
export interface IndexSplit {
  /** Indices kept for fitting, ascending within each class. */
  kept: number[];
  /** Indices held out, ascending within each class. */
  held: number[];
}

/**
 * Splits example indices into kept and held-out sets with the same class
 * balance: for each class, a seeded shuffle of its indices puts
 * round(count * fraction) of them in `held`. `fraction` is in [0, 1).
 */
export function stratifiedSplit(
  labels: readonly number[],
  fraction: number,
  random: Random,
): IndexSplit {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, index) => {
    const members = byClass.get(label) ?? [];
    members.push(index);
    byClass.set(label, members);
  });
  const kept: number[] = [];
  const held: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(byClass.get(label) ?? [], random);
    const heldCount = Math.round(members.length * fraction);
    held.push(...members.slice(0, heldCount).sort((a, b) => a - b));
    kept.push(...members.slice(heldCount).sort((a, b) => a - b));
  }
  return { kept, held };
}
