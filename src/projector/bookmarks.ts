import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { writeFileAtomic } from "../io/atomic.js";
import { summarizeFile, type FileSummary } from "./file-summary.js";
import { formatFloat } from "./format-float.js";
import { RUN_FILES } from "./run-files.js";
import { checkState } from "./bookmark-state.js";
import type { VerifyProblem } from "./verify-types.js";

/**
 * One Embedding Projector saved state (the projector's `State` class), as
 * the bookmarks tray loads it. The fields are the ones its `loadState`
 * reads. The state selects a 2-D `umap` projection, so the projector places
 * point i at `projections[i]["umap-0"]` and `["umap-1"]` without running
 * UMAP itself. A `custom` projection would not hold: the projector
 * recomputes it from random vectors when its empty query fields settle.
 */
export interface ProjectorState {
  label: string;
  isSelected: boolean;
  selectedProjection: "umap";
  /** [points, dimensions] of the data set the state belongs to. */
  dataSetDimensions: [number, number];
  tSNEIteration: number;
  tSNEPerplexity: number;
  tSNELearningRate: number;
  tSNEis3d: boolean;
  umapIs3d: boolean;
  umapNeighbors: number;
  umapMinDist: number;
  pcaComponentDimensions: number[];
  customSelectedSearchByMetadataOption: string;
  customXLeftText: string;
  customXLeftRegex: boolean;
  customXRightText: string;
  customXRightRegex: boolean;
  customYUpText: string;
  customYUpRegex: boolean;
  customYDownText: string;
  customYDownRegex: boolean;
  /** One `{ "umap-0", "umap-1" }` object per point, in row order. */
  projections: Array<{ "umap-0": number; "umap-1": number }>;
  selectedPoints: number[];
  cameraDef: null;
  selectedColorOptionName: string;
  forceCategoricalColoring: boolean;
  selectedLabelOption: string;
}

/** Options of {@link layoutBookmark}. */
export interface LayoutBookmarkOptions {
  /** Name shown in the bookmarks tray. */
  label: string;
  /** Numbers per point of the run's vectors. */
  dim: number;
  /** UMAP neighbourhood size recorded in the state. Default: 15. */
  neighbors?: number;
  /** UMAP minimum distance recorded in the state. Default: 0.1. */
  minDist?: number;
  /** Metadata column to colour by. Default: `kind`. */
  colorBy?: string;
  /** Metadata column to label points by. Default: `label`. */
  labelBy?: string;
}

/**
 * Builds a saved state that contains `layout` (2 numbers per point) as a
 * 2-D UMAP projection, coordinates rounded to 6 significant digits so the same
 * layout always gives the same bytes.
 */
export function layoutBookmark(
  layout: Float64Array,
  options: LayoutBookmarkOptions,
): ProjectorState {
  const points = layout.length / 2;
  const projections = Array.from({ length: points }, (_, i) => ({
    "umap-0": Number(formatFloat(layout[2 * i])),
    "umap-1": Number(formatFloat(layout[2 * i + 1])),
  }));
  const customText = { Text: "", Regex: false };
  return {
    label: options.label,
    isSelected: false,
    selectedProjection: "umap",
    dataSetDimensions: [points, options.dim],
    tSNEIteration: 0,
    tSNEPerplexity: 30,
    tSNELearningRate: 1,
    tSNEis3d: false,
    umapIs3d: false,
    umapNeighbors: options.neighbors ?? 15,
    umapMinDist: options.minDist ?? 0.1,
    pcaComponentDimensions: [0, 1],
    customSelectedSearchByMetadataOption: options.labelBy ?? "label",
    customXLeftText: customText.Text,
    customXLeftRegex: customText.Regex,
    customXRightText: customText.Text,
    customXRightRegex: customText.Regex,
    customYUpText: customText.Text,
    customYUpRegex: customText.Regex,
    customYDownText: customText.Text,
    customYDownRegex: customText.Regex,
    projections,
    selectedPoints: [],
    cameraDef: null,
    selectedColorOptionName: options.colorBy ?? "kind",
    forceCategoricalColoring: false,
    selectedLabelOption: options.labelBy ?? "label",
  };
}

/**
 * Writes `states` as `bookmarks.json` into `dir` atomically, one state per
 * line block, and returns its summary.
 */
export async function writeBookmarks(
  dir: string,
  states: ProjectorState[],
): Promise<FileSummary> {
  const path = join(dir, RUN_FILES.bookmarks);
  await writeFileAtomic(path, `${JSON.stringify(states)}\n`);
  return summarizeFile(path);
}

/**
 * Checks the bookmarks file `path` in `dir` the way the projector's
 * bookmarks tray reads it. The file must be a JSON array of saved states.
 * Each state needs a known `selectedProjection`, `dataSetDimensions`
 * starting with `points`, and one finite position per point.
 */
export async function verifyBookmarks(
  dir: string,
  path: string,
  points: number,
): Promise<VerifyProblem[]> {
  let states: unknown;
  try {
    states = JSON.parse(await readFile(join(dir, path), "utf8"));
  } catch (error) {
    return [
      problem(
        path,
        `is not readable JSON (${(error as Error).message}); the projector cannot open the bookmarks. Write them again with textdream preview.`,
      ),
    ];
  }
  if (!Array.isArray(states)) {
    return [
      problem(
        path,
        `holds ${typeof states} but the projector expects a JSON array of saved states; write them again with textdream preview.`,
      ),
    ];
  }
  return states.flatMap((state, index) =>
    checkState(state, index, points).map((message) => problem(path, message)),
  );
}

function problem(file: string, message: string): VerifyProblem {
  return { file, line: 1, message };
}
