/**
 * File names inside a run directory. Every command after `dream` or
 * `export` reads only these files, so the names are part of the interface.
 */
export const RUN_FILES = {
  /** Point vectors, one tab-separated row per point. */
  vectorsTsv: "vectors.tsv",
  /** Point vectors as raw little-endian float32, instead of the TSV. */
  vectorsBytes: "vectors.bytes",
  /** One header line and one row per point. */
  metadata: "metadata.tsv",
  /** Embedding Projector config with paths relative to the run. */
  config: "projector_config.json",
  /** TensorBoard projector config. */
  pbtxt: "projector_config.pbtxt",
  /** Projector saved states, with the precomputed layout. */
  bookmarks: "bookmarks.json",
  /** Per sentence and step: objective, probabilities, neighbours. */
  trajectory: "trajectory.json",
  /** Tool version, backend, options, and row count and sha256 per file. */
  manifest: "manifest.json",
  /** Markdown summary of the nearest words before and after. */
  summary: "summary.md",
  /** The gist a run was published to. */
  published: "published.json",
  /** Markdown snippet for a blog post. */
  blogSnippet: "blog-snippet.md",
  /** 2-D layout of every point, written by `preview`. */
  layout: "layout.json",
  /** Self-contained HTML preview. */
  previewHtml: "preview.html",
  /** Objective per step, one line per sentence, written by `preview`. */
  objectiveSvg: "objective.svg",
  objectivePng: "objective.png",
  /** Nearest words before and after, written by `preview`. */
  neighborsSvg: "neighbors.svg",
  neighborsPng: "neighbors.png",
  /** The layout with each dream's path, written by `preview`. */
  layoutSvg: "layout.svg",
  layoutPng: "layout.png",
} as const;
