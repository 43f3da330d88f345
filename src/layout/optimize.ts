import type { FuzzyGraph } from "./graph.js";
import type { RandomSource } from "./random.js";

/** Settings of {@link optimizeLayout}. */
export interface OptimizeSettings {
  /** Passes over the graph. */
  epochs: number;
  /** Curve parameters from umap-js's `findABParams(spread, minDist)`. */
  a: number;
  b: number;
  /** Random repulsions per attraction; UMAP's default is 5. */
  negativeSampleRate: number;
  /** Seeded source for the negative samples. */
  random: RandomSource;
  /** Called after each epoch with the number of epochs done. */
  onEpoch?: (done: number) => void;
}

const CLIP = 4;

/**
 * Runs UMAP's stochastic gradient descent on `embedding` (2 numbers per
 * point, changed in place): the epoch loop of umap-js and umap-learn,
 * written over typed arrays. Edges lighter than max / epochs are dropped,
 * and each edge is sampled in proportion to its weight.
 */
export function optimizeLayout(
  embedding: Float64Array,
  graph: FuzzyGraph,
  settings: OptimizeSettings,
): void {
  const { epochs } = settings;
  const edges = keptEdges(graph, epochs);
  const perSample = edges.weights.map((w) => edges.max / w);
  const perNegative = perSample.map((e) => e / settings.negativeSampleRate);
  const nextSample = perSample.slice();
  const nextNegative = perNegative.slice();
  const state = { ...settings, edges, perSample, perNegative };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = epoch === 0 ? 1 : 1 - (epoch - 1) / epochs;
    runEpoch(embedding, state, epoch, alpha, nextSample, nextNegative);
    settings.onEpoch?.(epoch + 1);
  }
}

interface EpochState extends OptimizeSettings {
  edges: { tails: Int32Array; heads: Int32Array; weights: Float64Array };
  perSample: Float64Array;
  perNegative: Float64Array;
}

function keptEdges(graph: FuzzyGraph, epochs: number) {
  const max = graph.weights.reduce((m, w) => Math.max(m, w), 0);
  const keep: number[] = [];
  graph.weights.forEach((w, i) => {
    if (w >= max / epochs) keep.push(i);
  });
  return {
    max,
    tails: Int32Array.from(keep, (i) => graph.tails[i]),
    heads: Int32Array.from(keep, (i) => graph.heads[i]),
    weights: Float64Array.from(keep, (i) => graph.weights[i]),
  };
}

function clip(value: number): number {
  if (value > CLIP) return CLIP;
  if (value < -CLIP) return -CLIP;
  return value;
}

function runEpoch(
  y: Float64Array,
  state: EpochState,
  epoch: number,
  alpha: number,
  nextSample: Float64Array,
  nextNegative: Float64Array,
): void {
  const { a, b, random, perSample, perNegative } = state;
  const { tails, heads } = state.edges;
  const points = y.length / 2;
  for (let i = 0; i < perSample.length; i++) {
    if (nextSample[i] > epoch) continue;
    const j = 2 * tails[i];
    const k = 2 * heads[i];
    let dx = y[j] - y[k];
    let dy = y[j + 1] - y[k + 1];
    let d2 = dx * dx + dy * dy;
    if (d2 > 0) {
      const power = Math.exp(b * Math.log(d2));
      const coeff = (-2 * a * b * power) / (d2 * (a * power + 1));
      const gx = clip(coeff * dx) * alpha;
      const gy = clip(coeff * dy) * alpha;
      y[j] += gx;
      y[j + 1] += gy;
      y[k] -= gx;
      y[k + 1] -= gy;
    }
    nextSample[i] += perSample[i];
    const negatives = Math.floor((epoch - nextNegative[i]) / perNegative[i]);
    for (let p = 0; p < negatives; p++) {
      const other = 2 * Math.floor(random() * points);
      dx = y[j] - y[other];
      dy = y[j + 1] - y[other + 1];
      d2 = dx * dx + dy * dy;
      if (d2 <= 0) continue;
      const power = Math.exp(b * Math.log(d2));
      const coeff = (2 * b) / ((0.001 + d2) * (a * power + 1));
      y[j] += clip(coeff * dx) * alpha;
      y[j + 1] += clip(coeff * dy) * alpha;
    }
    nextNegative[i] += negatives * perNegative[i];
  }
}
