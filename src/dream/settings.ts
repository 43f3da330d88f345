/** Dream modes: move the vector, swap words, or both from the same start. */
export const DREAM_MODES = ["continuous", "tokens", "both"] as const;

/** One of {@link DREAM_MODES}. */
export type DreamMode = (typeof DREAM_MODES)[number];

/**
 * Default weight of the fluency prior of token dreams. Rare words with long
 * vectors raise an activation norm most, so without the prior a dream fills
 * the sentence with them (`subprime`, `joh`). With the shipped model,
 * weights from 0.6 to 0.9 lead "I hate this." and "I love this show." to
 * AFINN words of their polarity (bad, best, great). Below that range rare
 * words win, and above it function words do.
 */
export const DEFAULT_FLUENCY = 0.75;
