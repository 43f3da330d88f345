import { selectBackend } from "../../src/backend.js";
import type { WordVectors } from "../../src/embeddings/index.js";
import { loadVocabulary } from "../../src/embeddings/index.js";
import type { SentimentModel } from "../../src/model/index.js";
import { loadModel } from "../../src/model/index.js";

let vocabulary: Promise<WordVectors> | undefined;
let model: Promise<SentimentModel> | undefined;

/** Loads the shipped GloVe vocabulary once per test file, from the cache. */
export function sharedVocabulary(): Promise<WordVectors> {
  vocabulary ??= loadVocabulary();
  return vocabulary;
}

/** Loads the shipped default model once per test file. */
export function sharedModel(): Promise<SentimentModel> {
  model ??= selectBackend().then(() => loadModel());
  return model;
}
