export {
  TOKENIZER_VERSION,
  CONTRACTION_SUFFIXES,
  splitContraction,
  tokenize,
  tokenizesWhole,
} from "./tokenize.js";
export { detokenize } from "./detokenize.js";
export { normalizeText } from "./normalize.js";
export type { EmbedOptions, SentenceEmbedding } from "./embed.js";
export { embedSentence, embedTokens, meanOfRows } from "./embed.js";
export type { GatheredTokens, TokenLookup, TokenStatus } from "./lookup.js";
export {
  IS_BEFORE_S,
  PIECE_WORDS,
  STEMS_BEFORE_NOT,
  foldAccents,
  gatherTokens,
  isNeverInVocabulary,
  lookupTokens,
} from "./lookup.js";
export { isPunctuationOnly, punctuationOnlyIndices } from "./punctuation.js";
