import type { RecordedNeighbor } from "../dream/trajectory.js";
import { formatFloat } from "../projector/format-float.js";
import type { RunContents } from "./run-reader.js";

/** One point as the page and figures draw it. */
export interface ViewPoint {
  /** Position scaled into [0, 1] on both axes. */
  x: number;
  y: number;
  label: string;
  /** `word`, `start`, `step` or `end`. */
  kind: string;
  /** AFINN valence, or null for points without one. */
  valence: number | null;
}

/** One recorded step of a dream path. */
export interface ViewStep {
  step: number;
  objective: number;
  neighbors: RecordedNeighbor[];
}

/** One sentence's dream: its rows in order, start first. */
export interface ViewPath {
  text: string;
  rows: number[];
  steps: ViewStep[];
}

/** Everything the preview page and the figures show. */
export interface PreviewView {
  title: string;
  summary: string;
  points: ViewPoint[];
  paths: ViewPath[];
  kindColors: Record<string, string>;
  pathColors: string[];
}

/** Colours of point kinds, shared by the page and the figures. */
export const KIND_COLORS: Record<string, string> = {
  word: "#9aa0a6",
  start: "#1a73e8",
  step: "#f9ab00",
  end: "#d93025",
};

/** Colours of the dream paths, one per sentence, repeating. */
export const PATH_COLORS = ["#1a73e8", "#d93025", "#188038", "#9334e6"];

/**
 * Builds what the page and figures draw from a run and its layout (2
 * numbers per point): positions scaled into [0, 1] and rounded to 5
 * significant digits, labels, kinds, valence and one path per sentence.
 */
export function buildView(
  run: RunContents,
  layout: Float64Array,
  title: string,
): PreviewView {
  const points = run.metadata.map((record, i) => ({
    x: 0,
    y: 0,
    label: record.label ?? String(i),
    kind: record.kind || "word",
    valence: record.valence ? Number(record.valence) : null,
  }));
  placePoints(points, layout);
  const paths = buildPaths(run);
  const summary = `${points.length} ${points.length === 1 ? "point" : "points"}, ${paths.length} ${paths.length === 1 ? "dream path" : "dream paths"}`;
  return {
    title,
    summary,
    points,
    paths,
    kindColors: KIND_COLORS,
    pathColors: PATH_COLORS,
  };
}

function placePoints(points: ViewPoint[], layout: Float64Array): void {
  const range = (axis: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = axis; i < layout.length; i += 2) {
      lo = Math.min(lo, layout[i]);
      hi = Math.max(hi, layout[i]);
    }
    return { lo, span: hi - lo };
  };
  const x = range(0);
  const y = range(1);
  const scale = (value: number, axis: { lo: number; span: number }) =>
    axis.span > 0 ? Number(formatFloat((value - axis.lo) / axis.span, 5)) : 0.5;
  points.forEach((point, i) => {
    point.x = scale(layout[2 * i], x);
    point.y = scale(layout[2 * i + 1], y);
  });
}

function buildPaths(run: RunContents): ViewPath[] {
  if (run.trajectory) {
    return run.trajectory.sentences.map((sentence) => ({
      text: sentence.text,
      rows: sentence.steps.map((step) => step.row),
      steps: sentence.steps.map((step) => ({
        step: step.step,
        objective: step.objective,
        neighbors: step.neighbors,
      })),
    }));
  }
  return chainsFromMetadata(run.metadata).map((rows) => ({
    text: run.metadata[rows[0]!]?.sentence ?? "",
    rows,
    steps: rows.map((row, step) => ({
      step,
      objective: Number(run.metadata[row]?.objective) || 0,
      neighbors: [],
    })),
  }));
}

/** Follows `__seq_next__` from every row no other row points at. */
function chainsFromMetadata(metadata: Array<Record<string, string>>) {
  const next = metadata.map((record) => {
    const cell = record.__seq_next__ ?? "";
    return cell === "" ? -1 : Number(cell);
  });
  const pointedAt = new Set(next.filter((n) => n >= 0));
  const chains: number[][] = [];
  next.forEach((target, row) => {
    if (target < 0 || pointedAt.has(row)) return;
    const chain = [row];
    const seen = new Set(chain);
    let at = target;
    while (at >= 0 && at < metadata.length && !seen.has(at)) {
      chain.push(at);
      seen.add(at);
      at = next[at] ?? -1;
    }
    chains.push(chain);
  });
  return chains;
}
