import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { TrajectoryFile } from "../dream/trajectory.js";
import { RUN_FILES } from "../projector/run-files.js";
import type { ProjectorConfigFile } from "./run-files.js";

/** Maximum length of the default gist description, in characters. */
export const DESCRIPTION_LIMIT = 250;

/**
 * Reads `trajectory.json` from `dir`. Returns undefined when the run has
 * none (an `export` run) or it cannot be parsed, because a publish uses it
 * only for text.
 */
export async function readTrajectoryIfAny(
  dir: string,
): Promise<TrajectoryFile | undefined> {
  try {
    const text = await readFile(join(dir, RUN_FILES.trajectory), "utf8");
    const parsed = JSON.parse(text) as TrajectoryFile;
    return Array.isArray(parsed?.sentences) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the default gist description: the dreamed sentences in quotes,
 * or the point and dimension counts for a run without sentences; at most
 * 250 characters.
 */
export function defaultDescription(
  trajectory: TrajectoryFile | undefined,
  config: ProjectorConfigFile,
): string {
  const sentences = trajectory?.sentences.map((s) => `"${s.text}"`) ?? [];
  const [points, dims] = config.embeddings[0].tensorShape ?? [];
  const text =
    sentences.length > 0
      ? `textdream: ${sentences.join(" · ")}`
      : `textdream projector files: ${points ?? "?"} points × ${dims ?? "?"} dimensions`;
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= DESCRIPTION_LIMIT
    ? flat
    : `${flat.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}
