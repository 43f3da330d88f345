import type { SentenceTrajectory } from "./trajectory.js";

/** One recorded point of any dream, with its vector. */
export interface RecordedPoint {
  step: number;
  vector: Float32Array;
  objective: number;
  probabilities: number[];
  /** Sentence text at this step (token dreams). */
  text?: string;
  /** Token dreams: the position changed and the words swapped. */
  swap?: { position: number; from: string; to: string };
}

/** The recorded dream of one sentence in one mode. */
export interface RecordedDream {
  /** 0-based index of the input sentence. */
  index: number;
  text: string;
  tokens: string[];
  mode: SentenceTrajectory["mode"];
  stopReason: SentenceTrajectory["stopReason"];
  points: RecordedPoint[];
}
