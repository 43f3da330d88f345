export type { WordVectors } from "./word-vectors.js";
export { createWordVectors } from "./word-vectors.js";
export type { LoadVocabularyOptions } from "./vocabulary.js";
export {
  GLOVE_VOCAB_SIZE,
  loadVocabulary,
  vocabularyCachePath,
} from "./vocabulary.js";
export type {
  Metric,
  Neighbor,
  NeighborIndex,
  NeighborIndexOptions,
  SearchOptions,
} from "./neighbor-index.js";
export { createNeighborIndex } from "./neighbor-index.js";
