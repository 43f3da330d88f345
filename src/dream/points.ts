import type { RecordedNeighbor, SentenceTrajectory } from "./trajectory.js";

/** One row of the run's vectors and metadata files. */
export interface PointRow {
  label: string;
  kind: "word" | "start" | "step" | "end";
  /** `continuous` or `tokens` for step rows, empty for words. */
  mode: string;
  /** Sentence index for step rows. */
  sentence?: number;
  step?: number;
  predicted: string;
  pPositive: number;
  objective: number;
  /** AFINN-165 valence for word rows listed in the lexicon. */
  valence?: number;
  /** Row of the same dream's next recorded point. */
  next?: number;
}

/** Metadata columns of a dream run, in file order. */
export const DREAM_METADATA_COLUMNS = [
  "label",
  "kind",
  "mode",
  "sentence",
  "step",
  "predicted",
  "p_positive",
  "objective",
  "valence",
  "__seq_next__",
] as const;

/** Maximum length of the sentence text in a step label, before `[step N]`. */
export const LABEL_TEXT_MAX_LENGTH = 150;

/**
 * Returns the kind of a recorded step: `start` for the first, `end` for the
 * last, `step` otherwise. A dream with one point has only a start.
 */
export function stepKind(position: number, count: number): PointRow["kind"] {
  if (position === 0) return "start";
  if (position === count - 1) return "end";
  return "step";
}

/**
 * Collects the vocabulary rows a run shows: every recorded neighbour, the
 * `context` most frequent words, and `extra` words (the AFINN lexicon),
 * restricted to the first `vocabSize` words and sorted by frequency rank.
 */
export function collectWordRows(
  sentences: readonly SentenceTrajectory[],
  indexOf: (word: string) => number,
  options: { context: number; vocabSize: number; extra: readonly string[] },
): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < Math.min(options.context, options.vocabSize); i++) {
    rows.add(i);
  }
  const add = (word: string) => {
    const index = indexOf(word);
    if (index >= 0 && index < options.vocabSize) rows.add(index);
  };
  options.extra.forEach(add);
  for (const sentence of sentences) {
    for (const step of sentence.steps) {
      step.neighbors.forEach((neighbor: RecordedNeighbor) =>
        add(neighbor.word),
      );
    }
  }
  return [...rows].sort((a, b) => a - b);
}
