import type { WordVectors } from "../embeddings/index.js";
import type { SentenceEmbedding } from "../text/index.js";
import {
  detokenize,
  embedTokens,
  isPunctuationOnly,
  tokenize,
} from "../text/index.js";
import { UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { ActivationFunction } from "./engine.js";
import { evaluateForward, evaluateWithGradient } from "./engine.js";
import type { Objective } from "./objectives.js";
import type { RecordedDream, RecordedPoint } from "./recorded.js";
import { STOPWORDS } from "./stopwords.js";
import { resolveTokenWords, usedWordCount } from "./token-words.js";
import { DEFAULT_FLUENCY } from "./settings.js";

/** Options of {@link dreamTokens}. */
export interface TokenDreamOptions {
  objective: Objective;
  /** Maximum accepted swaps; default 100. */
  steps?: number;
  /** Descend instead of ascend; default false. */
  minimize?: boolean;
  /** Words searched as replacements: the N most frequent; default 50,000. */
  vocabSize?: number;
  /** First-order candidates re-scored exactly per step; default 10. */
  beam?: number;
  /** Token positions (0-based) or words that are never swapped. */
  keep?: readonly string[];
  /** Let one word fill two positions; default false. */
  allowRepeats?: boolean;
  /** Let punctuation be replaced and punctuation-only words be inserted. */
  allowPunct?: boolean;
  /** `keep` freezes stopwords, `free` (default) lets them change. */
  stopwords?: "keep" | "free";
  /**
   * Weight of the fluency prior in objective units per nat of unigram
   * surprisal; default {@link DEFAULT_FLUENCY}, 0 ranks by the objective
   * alone.
   */
  fluency?: number;
  logger?: Logger;
}

interface Candidate {
  position: number;
  word: number;
  gain: number;
}

/**
 * Dreams over a sentence's words. Each step takes the gradient g of the
 * objective at the mean vector e of the n known tokens. Replacing word u
 * by w changes e by (e_w - e_u) / n, so its first-order gain is
 * (e_w - e_u) . g / n. Candidates are ranked by that gain minus the fluency
 * prior's change in unigram surprisal. The `beam` best are re-scored
 * exactly with a forward pass. Among those that raise the objective, the
 * best by the same ranking is applied. When none raises it, the dream
 * stops.
 */
export function dreamTokens(
  activations: ActivationFunction,
  vectors: WordVectors,
  embedding: Pick<SentenceEmbedding, "text" | "tokens">,
  sentenceIndex: number,
  options: TokenDreamOptions,
): RecordedDream {
  const logger = options.logger ?? silentLogger;
  const dim = vectors.dim;
  const vocabSize = Math.min(options.vocabSize ?? 50_000, vectors.words.length);
  const sign = options.minimize ? -1 : 1;
  const tokens = [...embedding.tokens];
  const slots = resolveTokenWords(vectors, tokens);
  const frozen = frozenPositions(tokens, slots, options);
  const eligible = eligibleWords(vectors, vocabSize, options.allowPunct);
  const points: RecordedPoint[] = [];
  let stopReason: RecordedDream["stopReason"] = "steps";
  const steps = options.steps ?? 100;
  let swap: RecordedPoint["swap"];
  for (let step = 0; ; step++) {
    const vector = embedTokens(vectors, tokens);
    const evaluation = evaluateWithGradient(
      activations,
      options.objective,
      vector,
      1,
      dim,
    );
    const point: RecordedPoint = {
      step,
      vector,
      objective: evaluation.objectives[0]!,
      probabilities: Array.from(evaluation.probabilities),
      text: textOf(tokens, embedding.text),
      ...(swap === undefined ? {} : { swap }),
    };
    points.push(point);
    if (step === steps) break;
    const candidates = rankCandidates(
      vectors,
      slots,
      usedWordCount(vectors, tokens),
      frozen,
      eligible,
      evaluation.gradients,
      sign,
      options,
    );
    const best = rescore(
      activations,
      vectors,
      tokens,
      slots,
      point.objective,
      candidates,
      options,
    );
    if (best === undefined) {
      stopReason = "no-improvement";
      logger.debug(
        `sentence ${sentenceIndex + 1}: no swap improves ${options.objective.name} after ${step} swaps`,
      );
      break;
    }
    const from = tokens[best.position]!;
    const to = vectors.words[best.word]!;
    tokens[best.position] = to;
    slots[best.position] = best.word;
    swap = { position: best.position, from, to };
  }
  return {
    index: sentenceIndex,
    text: embedding.text,
    tokens: embedding.tokens,
    mode: "tokens",
    stopReason,
    points,
  };
}

function textOf(tokens: readonly string[], original: string): string {
  const text = detokenize(tokens);
  const first = original.trimStart()[0];
  if (first !== undefined && first !== first.toLowerCase()) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return text;
}

function frozenPositions(
  tokens: readonly string[],
  slots: readonly number[],
  options: TokenDreamOptions,
): boolean[] {
  // Punctuation stays in place unless allowed to change, so the dreamed
  // sentence keeps its shape.
  const frozen = slots.map(
    (index, i) =>
      index < 0 || (!options.allowPunct && isPunctuationOnly(tokens[i]!)),
  );
  for (const item of options.keep ?? []) {
    if (/^\d+$/.test(item)) {
      const position = Number(item);
      if (position >= tokens.length) {
        throw new UsageError(
          `invalid --keep position ${position}: the sentence has ${tokens.length} tokens (${tokens.join(" ")}); use 0 to ${tokens.length - 1}`,
        );
      }
      frozen[position] = true;
    } else {
      tokens.forEach((token, i) => {
        if (token === item.toLowerCase()) frozen[i] = true;
      });
    }
  }
  if (options.stopwords === "keep") {
    tokens.forEach((token, i) => {
      if (STOPWORDS.has(token)) frozen[i] = true;
    });
  }
  return frozen;
}

const eligibleCache = new WeakMap<WordVectors, Map<string, Uint8Array>>();

/**
 * Marks the words a swap may insert: among the first `vocabSize`, those
 * that tokenize back to themselves (so the recorded text re-embeds to the
 * recorded vector) and, unless allowed, are not punctuation only.
 */
function eligibleWords(
  vectors: WordVectors,
  vocabSize: number,
  allowPunct = false,
): Uint8Array {
  const key = `${vocabSize}:${allowPunct}`;
  let byKey = eligibleCache.get(vectors);
  if (byKey === undefined) {
    byKey = new Map();
    eligibleCache.set(vectors, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  const mask = new Uint8Array(vocabSize);
  for (let i = 0; i < vocabSize; i++) {
    const word = vectors.words[i]!;
    if (!allowPunct && isPunctuationOnly(word)) continue;
    const pieces = tokenize(word);
    if (pieces.length === 1 && pieces[0] === word) mask[i] = 1;
  }
  byKey.set(key, mask);
  return mask;
}

function rankCandidates(
  vectors: WordVectors,
  slots: readonly number[],
  usedCount: number,
  frozen: readonly boolean[],
  eligible: Uint8Array,
  gradient: Float32Array,
  sign: number,
  options: TokenDreamOptions,
): Candidate[] {
  const dim = vectors.dim;
  const beam = options.beam ?? 10;
  const fluency = options.fluency ?? DEFAULT_FLUENCY;
  const used = new Set(slots.filter((index) => index >= 0));
  const n = Math.max(1, usedCount);
  const keys = new Float64Array(eligible.length);
  for (let w = 0; w < eligible.length; w++) {
    let dot = 0;
    const offset = w * dim;
    for (let d = 0; d < dim; d++) {
      dot += vectors.matrix[offset + d]! * gradient[d]!;
    }
    keys[w] = (sign * dot) / n - fluency * surprisal(w);
  }
  const wanted = beam + slots.length;
  const topWords: number[] = [];
  for (let w = 0; w < eligible.length; w++) {
    if (!eligible[w] || (!options.allowRepeats && used.has(w))) continue;
    insertTop(topWords, w, keys, wanted);
  }
  const candidates: Candidate[] = [];
  slots.forEach((current, position) => {
    if (frozen[position] || current < 0) return;
    const currentKey =
      scoreOf(vectors, current, gradient, sign) / n -
      fluency * surprisal(current);
    for (const word of topWords) {
      if (word === current) continue;
      candidates.push({ position, word, gain: keys[word]! - currentKey });
    }
  });
  candidates.sort(
    (a, b) => b.gain - a.gain || a.position - b.position || a.word - b.word,
  );
  return candidates.slice(0, beam);
}

/**
 * Returns the unigram surprisal of the word at frequency rank `rank`
 * (0-based) under Zipf's law, ln(rank + 1) up to a constant: GloVe lists
 * its words from most to least frequent.
 */
function surprisal(rank: number): number {
  return Math.log(rank + 1);
}

function scoreOf(
  vectors: WordVectors,
  index: number,
  gradient: Float32Array,
  sign: number,
): number {
  let dot = 0;
  const offset = index * vectors.dim;
  for (let d = 0; d < vectors.dim; d++) {
    dot += vectors.matrix[offset + d]! * gradient[d]!;
  }
  return sign * dot;
}

function insertTop(
  top: number[],
  word: number,
  scores: Float64Array,
  limit: number,
): void {
  if (top.length === limit && scores[word]! <= scores[top.at(-1)!]!) return;
  let at = top.length;
  while (at > 0 && scores[top[at - 1]!]! < scores[word]!) at -= 1;
  top.splice(at, 0, word);
  if (top.length > limit) top.pop();
}

function rescore(
  activations: ActivationFunction,
  vectors: WordVectors,
  tokens: readonly string[],
  slots: readonly number[],
  current: number,
  candidates: readonly Candidate[],
  options: TokenDreamOptions,
): (Candidate & { objective: number }) | undefined {
  if (candidates.length === 0) return undefined;
  const dim = vectors.dim;
  const batch = new Float32Array(candidates.length * dim);
  candidates.forEach((candidate, i) => {
    const changed = [...tokens];
    changed[candidate.position] = vectors.words[candidate.word]!;
    batch.set(embedTokens(vectors, changed), i * dim);
  });
  const { objectives } = evaluateForward(
    activations,
    options.objective,
    batch,
    candidates.length,
    dim,
  );
  const sign = options.minimize ? -1 : 1;
  const fluency = options.fluency ?? DEFAULT_FLUENCY;
  let best: number | undefined;
  let bestScore = 0;
  candidates.forEach((candidate, i) => {
    const gain = sign * (objectives[i]! - current);
    if (!(gain > 0)) return;
    const replaced = slots[candidate.position]!;
    const score =
      gain - fluency * (surprisal(candidate.word) - surprisal(replaced));
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  if (best === undefined) return undefined;
  return { ...candidates[best]!, objective: objectives[best]! };
}
