import type { FuzzyGraph } from "./graph.js";
import { EpochKernel } from "./epoch-kernel.js";
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
  /**
   * Runs half the points on a worker thread; the layout is the same
   * either way. Default: with 2 or more cores and 1,000 or more points.
   */
  parallel?: boolean;
  /** Called after each epoch with the number of epochs done. */
  onEpoch?: (done: number) => void;
}

/**
 * Runs UMAP's stochastic gradient descent on `embedding` (2 numbers per
 * point, changed in place): the epoch loop of umap-js and umap-learn in
 * a WebAssembly kernel, over two blocks of points that may run on two
 * threads (see assembly/umap.ts). Edges lighter than max / epochs are
 * dropped, and each edge is sampled in proportion to its weight.
 */
export async function optimizeLayout(
  embedding: Float64Array,
  graph: FuzzyGraph,
  settings: OptimizeSettings,
): Promise<void> {
  const { epochs, a, b } = settings;
  const edges = keptEdges(graph, epochs);
  const kernel = new EpochKernel(embedding.length / 2, edges.tails.length);
  const { arrays } = kernel;
  arrays.positions.set(embedding);
  arrays.tails.set(edges.tails);
  arrays.heads.set(edges.heads);
  edges.weights.forEach((w, i) => {
    arrays.perSample[i] = edges.max / w;
    arrays.perNegative[i] = edges.max / w / settings.negativeSampleRate;
  });
  const seed = () => Math.floor(settings.random() * 2 ** 32);
  await kernel.run({
    epochs,
    a,
    b,
    seeds: [seed(), seed()],
    parallel: settings.parallel,
    onEpoch: settings.onEpoch,
  });
  embedding.set(arrays.positions);
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
