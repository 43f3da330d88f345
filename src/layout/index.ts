export type { PointMatrix } from "./matrix.js";
export { assertFiniteMatrix } from "./matrix.js";
export type { LayoutMetric, NeighborTable } from "./knn.js";
export { exactNeighbors } from "./knn.js";
export type { RandomSource } from "./random.js";
export { createSeededRandom } from "./random.js";
export type { NeighborSearch, UmapOptions } from "./umap.js";
export {
  DEFAULT_UMAP_EPOCHS,
  MAX_UMAP_EPOCHS,
  trivialLayout,
  umapLayout,
  umapNeighborCount,
} from "./umap.js";
export { pcaLayout } from "./pca.js";
export { neighborhoodPreservation } from "./quality.js";
export { indexedNeighbors } from "./neighbor-search.js";
