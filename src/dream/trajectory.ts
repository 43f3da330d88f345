/** One nearest vocabulary word of a recorded vector. */
export interface RecordedNeighbor {
  word: string;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/** One recorded step of a dream. */
export interface StepRecord {
  /** Optimiser step, 0 for the start vector. */
  step: number;
  /** Row of this point in the run's vectors and metadata files. */
  row: number;
  /** Value of the objective at this vector, before any `--minimize` sign. */
  objective: number;
  /** Class probabilities in the order of the trajectory's `labels`. */
  probabilities: number[];
  /** Label with the highest probability. */
  predicted: string;
  /** Nearest vocabulary words by cosine similarity, best first. */
  neighbors: RecordedNeighbor[];
  /** The sentence text at this step; present for token dreams. */
  text?: string;
  /** For token dreams: the position changed and the words swapped. */
  swap?: { position: number; from: string; to: string };
}

/** The recorded dream of one sentence. */
export interface SentenceTrajectory {
  /** 0-based position of the sentence in the input. */
  index: number;
  /** The sentence as given. */
  text: string;
  /** Its tokens after tokenization. */
  tokens: string[];
  /** `continuous` moves a free vector; `tokens` swaps words. */
  mode: "continuous" | "tokens";
  /** Why the dream stopped: all steps done, no gradient, or no swap. */
  stopReason: "steps" | "zero-gradient" | "no-improvement";
  steps: StepRecord[];
}

/** Contents of `trajectory.json`. */
export interface TrajectoryFile {
  format: "textdream-trajectory";
  version: 1;
  /** Class labels, in the order of every `probabilities` array. */
  labels: string[];
  /** Objective name such as `norm:fc2`. */
  objective: string;
  minimize: boolean;
  sentences: SentenceTrajectory[];
}
