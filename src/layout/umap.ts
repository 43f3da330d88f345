import { findABParams } from "umap-js/dist/umap.js";

import { UsageError } from "../errors.js";
import type { ProgressCallback } from "../io/logger.js";
import { buildFuzzyGraph } from "./graph.js";
import type { LayoutMetric, NeighborTable } from "./knn.js";
import { indexedNeighbors } from "./neighbor-search.js";
import type { PointMatrix } from "./matrix.js";
import { assertFiniteMatrix } from "./matrix.js";
import { optimizeLayout } from "./optimize.js";
import { pcaLayout } from "./pca.js";
import { createSeededRandom } from "./random.js";

/** Finds the exact `k` nearest other points of every point. */
export type NeighborSearch = (
  matrix: PointMatrix,
  k: number,
  metric: LayoutMetric,
) => Promise<NeighborTable>;

/** Options of {@link umapLayout}. */
export interface UmapOptions {
  /** Seed of the initial positions and negative samples. Default: 1. */
  seed?: number;
  /**
   * Neighbourhood size counting the point itself, as in umap-js and
   * umap-learn. Default: 15; clamped to the number of points minus one.
   */
  neighbors?: number;
  /** Smallest distance between laid-out points (layout units). Default: 0.1. */
  minDist?: number;
  /** Passes of gradient descent. Default: {@link DEFAULT_UMAP_EPOCHS}. */
  epochs?: number;
  /** Distance between input points. Default: `cosine`. */
  metric?: LayoutMetric;
  /**
   * Starting positions: uniform in [-10, 10] as umap-js starts, or PCA
   * scaled to that box. Default: `random`, which kept neighbourhoods
   * slightly better than PCA in bench/layout.mjs.
   */
  init?: "pca" | "random";
  /** Exact kNN search; default: the SIMD neighbour index. */
  neighborSearch?: NeighborSearch;
  /**
   * Runs half of each epoch on a worker thread; the layout is the same
   * either way. Default: with 2 or more cores and 1,000 or more points.
   */
  parallel?: boolean;
  /** Receives the fraction of epochs done, stage "umap layout". */
  onProgress?: ProgressCallback;
}

/**
 * Epochs used when none are given: on 5,000 GloVe vectors in
 * bench/layout.mjs, 600 epochs kept as many 15-nearest neighbours as
 * umap-learn's defaults, averaged over five seeds, and 500 kept fewer.
 */
export const DEFAULT_UMAP_EPOCHS = 600;

/**
 * Most epochs a layout may run: far past convergence (umap-learn uses 200
 * to 500), and about 6 minutes for 5,000 points on 2 cores.
 */
export const MAX_UMAP_EPOCHS = 100_000;

/** Spread of the initial positions, the same box umap-js starts from. */
const INIT_RANGE = 10;

/**
 * Lays out the points in 2-D with UMAP and returns 2 numbers per point. The
 * exact kNN graph is weighed with umap-js's own smoothing, and the epochs
 * run over typed arrays with a seeded generator, so the same input and seed
 * give the same numbers. 0, 1 and 2 points get a fixed trivial layout.
 */
export async function umapLayout(
  matrix: PointMatrix,
  options: UmapOptions = {},
): Promise<Float64Array> {
  assertFiniteMatrix(matrix, "umap layout");
  const epochs = options.epochs ?? DEFAULT_UMAP_EPOCHS;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_UMAP_EPOCHS) {
    throw new UsageError(
      `umap layout: epochs is ${epochs} but must be a whole number from 1 to ${MAX_UMAP_EPOCHS}; pass --epochs ${DEFAULT_UMAP_EPOCHS} or leave it out.`,
    );
  }
  if (matrix.rows <= 2) return trivialLayout(matrix.rows);
  const k = umapNeighborCount(options.neighbors ?? 15, matrix.rows) - 1;
  const search = options.neighborSearch ?? indexedNeighbors;
  const table = await search(matrix, k, options.metric ?? "cosine");
  const graph = buildFuzzyGraph(table, matrix.rows);
  const random = createSeededRandom(options.seed ?? 1);
  const embedding = initialPositions(matrix, options.init ?? "random", random);
  const { a, b } = findABParams(1, options.minDist ?? 0.1);
  await optimizeLayout(embedding, graph, {
    epochs,
    a,
    b,
    negativeSampleRate: 5,
    random,
    parallel: options.parallel,
    onEpoch: (done) => options.onProgress?.(done / epochs, "umap layout"),
  });
  return embedding;
}

/**
 * Returns the neighbourhood size UMAP can use for `rows` points: the
 * requested one, at most `rows - 1` (umap-js needs more points than
 * neighbours) and at least 2.
 */
export function umapNeighborCount(requested: number, rows: number): number {
  if (!Number.isInteger(requested) || requested < 2) {
    throw new UsageError(
      `umap layout: neighbors is ${requested} but must be a whole number of at least 2; pass --neighbors 15 or leave it out.`,
    );
  }
  return Math.max(2, Math.min(requested, rows - 1));
}

/** Places 0, 1 or 2 points: nothing, the origin, or two points on the x axis. */
export function trivialLayout(rows: number): Float64Array {
  const layout = new Float64Array(rows * 2);
  if (rows === 2) {
    layout[0] = -1;
    layout[2] = 1;
  }
  return layout;
}

function initialPositions(
  matrix: PointMatrix,
  init: "pca" | "random",
  random: () => number,
): Float64Array {
  if (init === "random") {
    return Float64Array.from(
      { length: matrix.rows * 2 },
      () => (random() * 2 - 1) * INIT_RANGE,
    );
  }
  const positions = pcaLayout(matrix);
  const extent = positions.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = extent > 0 ? INIT_RANGE / extent : 0;
  // Tiny seeded jitter separates duplicate points, which PCA puts together.
  return positions.map((v) => v * scale + (random() - 0.5) * 1e-4);
}
