import { join } from "node:path";

import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import type { Logger, ProgressCallback } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { LayoutMetric } from "../layout/index.js";
import {
  DEFAULT_UMAP_EPOCHS,
  pcaLayout,
  trivialLayout,
  umapLayout,
  umapNeighborCount,
} from "../layout/index.js";
import { formatFloat } from "../projector/format-float.js";
import { layoutBookmark, writeBookmarks } from "../projector/bookmarks.js";
import { RUN_FILES } from "../projector/run-files.js";
import { layoutSvg, neighborsSvg, objectiveSvg } from "./figures.js";
import { renderPreviewHtml } from "./html.js";
import { svgToPng } from "./png.js";
import { linkBookmarks, refreshManifest } from "./run-update.js";
import { readRun, type RunContents } from "./run-reader.js";
import { buildView } from "./view-model.js";

/** Options of {@link previewRun}. */
export interface PreviewOptions {
  /** Seed of the UMAP layout. Default: 1. */
  seed?: number;
  /** UMAP neighbourhood size, counting the point. Default: 15. */
  neighbors?: number;
  /** UMAP minimum distance (layout units). Default: 0.1. */
  minDist?: number;
  /** UMAP epochs. Default: {@link DEFAULT_UMAP_EPOCHS}. */
  epochs?: number;
  /** Distance between the run's vectors. Default: `cosine`. */
  metric?: LayoutMetric;
  /** Lays the points out by PCA instead of UMAP. Default: false. */
  pca?: boolean;
  /** Receives warnings and `--verbose` detail. */
  logger?: Logger;
  /** Receives layout progress (stage "umap layout"). */
  onProgress?: ProgressCallback;
}

/** Result of {@link previewRun}: the files written and the layout. */
export interface PreviewResult {
  /** Files written or rewritten, relative to the run directory. */
  files: string[];
  /** The layout, 2 numbers per point in row order. */
  layout: Float64Array;
  /** `umap`, `pca`, or `trivial` for runs of 0 to 2 points. */
  method: "umap" | "pca" | "trivial";
}

/** Names of the figure files, each written as `.svg` and `.png`. */
export const FIGURE_NAMES = ["objective", "neighbors", "layout"] as const;

/**
 * Lays out a run directory's points (seeded UMAP, or PCA) and writes
 * `layout.json`, `bookmarks.json` (linked from `projector_config.json`),
 * the figures as SVG and PNG, and the self-contained `preview.html`. It
 * then refreshes the manifest's sums. The same run and seed give the same bytes.
 */
export async function previewRun(
  dir: string,
  options: PreviewOptions = {},
): Promise<PreviewResult> {
  const logger = options.logger ?? silentLogger;
  const run = await readRun(dir);
  const { layout, method } = await layOut(run, options);
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    await writeFileAtomic(join(dir, name), data);
    files.push(name);
  };
  await writeJsonAtomic(
    join(dir, RUN_FILES.layout),
    layoutJson(layout, method, run, options),
  );
  files.push(RUN_FILES.layout);
  await writeBookmarks(dir, [bookmarkOf(layout, method, run, options)]);
  files.push(RUN_FILES.bookmarks);
  const view = buildView(run, layout, titleOf(run));
  const figures = {
    objective: objectiveSvg,
    neighbors: neighborsSvg,
    layout: layoutSvg,
  };
  for (const name of FIGURE_NAMES) {
    const svg = figures[name](view);
    await write(`${name}.svg`, svg);
    await write(
      `${name}.png`,
      svgToPng(svg, (m) => logger.warn(m)),
    );
  }
  await write(RUN_FILES.previewHtml, await renderPreviewHtml(view));
  // The config and the manifest change last and together, so a preview
  // stopped earlier leaves the run as verify last accepted it.
  if (await linkBookmarks(dir, RUN_FILES.bookmarks, logger)) {
    files.push(RUN_FILES.config);
  }
  await refreshManifest(dir, files, logger);
  logger.debug(`preview: ${method} layout of ${run.matrix.rows} points`);
  return { files, layout, method };
}

async function layOut(run: RunContents, options: PreviewOptions) {
  const { rows } = run.matrix;
  if (rows <= 2) {
    return { layout: trivialLayout(rows), method: "trivial" as const };
  }
  if (options.pca)
    return { layout: pcaLayout(run.matrix), method: "pca" as const };
  const layout = await umapLayout(run.matrix, {
    seed: options.seed,
    neighbors: options.neighbors,
    minDist: options.minDist,
    epochs: options.epochs,
    metric: options.metric,
    onProgress: options.onProgress,
  });
  return { layout, method: "umap" as const };
}

function layoutJson(
  layout: Float64Array,
  method: PreviewResult["method"],
  run: RunContents,
  options: PreviewOptions,
) {
  const points: number[][] = [];
  for (let i = 0; i < layout.length; i += 2) {
    points.push([
      Number(formatFloat(layout[i])),
      Number(formatFloat(layout[i + 1])),
    ]);
  }
  const umap = method === "umap";
  return {
    format: "textdream-layout",
    version: 1,
    method,
    ...(umap
      ? {
          seed: options.seed ?? 1,
          neighbors: umapNeighborCount(
            options.neighbors ?? 15,
            run.matrix.rows,
          ),
          minDist: options.minDist ?? 0.1,
          epochs: options.epochs ?? DEFAULT_UMAP_EPOCHS,
          metric: options.metric ?? "cosine",
        }
      : {}),
    points,
  };
}

function bookmarkOf(
  layout: Float64Array,
  method: PreviewResult["method"],
  run: RunContents,
  options: PreviewOptions,
) {
  const label =
    method === "umap"
      ? `textdream UMAP layout (seed ${options.seed ?? 1})`
      : `textdream ${method.toUpperCase()} layout`;
  return layoutBookmark(layout, {
    label,
    dim: run.matrix.dim,
    neighbors: options.neighbors ?? 15,
    minDist: options.minDist ?? 0.1,
    colorBy: run.columns.includes("kind") ? "kind" : run.columns[0],
    labelBy: run.columns.includes("label") ? "label" : run.columns[0],
  });
}

function titleOf(run: RunContents): string {
  const sentences = run.trajectory?.sentences.map((s) => `"${s.text}"`) ?? [];
  return sentences.length > 0
    ? `textdream: ${sentences.join(" / ")}`
    : "textdream run preview";
}
