export type {
  RecordedNeighbor,
  SentenceTrajectory,
  StepRecord,
  TrajectoryFile,
} from "./trajectory.js";
export type { Activations, LayerName, Objective } from "./objectives.js";
export {
  evaluateObjective,
  objectiveForms,
  parseObjective,
} from "./objectives.js";
export type { OptimizerName, VectorOptimizer } from "./optimizer.js";
export { OPTIMIZERS, createOptimizer } from "./optimizer.js";
export type {
  ActivationFunction,
  ContinuousDream,
  ContinuousDreamOptions,
  DreamPoint,
  DreamStart,
} from "./engine.js";
export {
  activationFunction,
  dreamContinuous,
  evaluateForward,
  evaluateWithGradient,
} from "./engine.js";
export type { TokenDreamOptions } from "./tokens.js";
export { dreamTokens } from "./tokens.js";
export type { RecordedDream, RecordedPoint } from "./recorded.js";
export type { DreamMode, DreamRunOptions, DreamRunResult } from "./run.js";
export { DREAM_MODES, runDream } from "./run.js";
export type { SentenceSummary } from "./summary.js";
export { renderSummaryMarkdown, summarizeTrajectory } from "./summary.js";
export { DREAM_METADATA_COLUMNS } from "./points.js";
export { slugify } from "./run-dir.js";
export { afinnValence } from "./afinn.js";
