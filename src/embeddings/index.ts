export type { WordVectors } from "./word-vectors.js";
export { createWordVectors } from "./word-vectors.js";
export type { LoadVocabularyOptions } from "./vocabulary.js";
export {
  GLOVE_VOCAB_SIZE,
  loadVocabulary,
  vocabularyCachePath,
} from "./vocabulary.js";
