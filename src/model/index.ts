export { LABELS } from "./metadata.js";
export type {
  ArchitectureInfo,
  EmbeddingInfo,
  MetricsInfo,
  ModelMetadata,
  SentimentModel,
  TrainingInfo,
} from "./metadata.js";
export type { BuildClassifierOptions } from "./classifier.js";
export {
  HIDDEN_UNITS,
  LAYER_NAMES,
  buildClassifier,
  predictProbabilities,
} from "./classifier.js";
export {
  MODEL_FILES,
  defaultModelDir,
  loadModel,
  saveModel,
} from "./storage.js";
export type { EpochReport, TrainOptions } from "./train.js";
export { trainClassifier } from "./train.js";
export type { LabelledVector } from "./evaluate.js";
export { accuracyOf } from "./evaluate.js";
export type { LabelledCsv, LabelledText, ReadCsvOptions } from "./csv.js";
export { malformedQuoteLine, readLabelledCsv } from "./csv.js";
export { LABEL_SPELLINGS, mapLabelValues } from "./labels.js";
export type { Random } from "./random.js";
export { deriveSeed, mulberry32, shuffleInPlace } from "./random.js";
export type { IndexSplit } from "./split.js";
export { stratifiedSplit } from "./split.js";
export type { EmbeddedTexts } from "./dataset.js";
export { embedTexts } from "./dataset.js";
export type { TrainOnTextsOptions, TrainedOnTexts } from "./pipeline.js";
export { EMBEDDING_SOURCE, trainOnTexts } from "./pipeline.js";
export type { DefaultTrainingData } from "./default-data.js";
export {
  DEFAULT_DATA_FILES,
  DEFAULT_DATA_NAME,
  loadDefaultTrainingData,
} from "./default-data.js";
export { sha256OfFile } from "./checksum.js";
