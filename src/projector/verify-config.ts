import { readFile } from "node:fs/promises";
import { isAbsolute, normalize } from "node:path";

import { RUN_FILES } from "./run-files.js";
import type { VerifyProblem } from "./verify-types.js";

/** An embedding entry of a config, with the lines of its fields. */
export interface ConfigEmbedding {
  tensorName?: unknown;
  tensorShape?: unknown;
  tensorPath?: unknown;
  metadataPath?: unknown;
  bookmarksPath?: unknown;
  /** 1-based line of each field in the config file. */
  lines: Record<string, number>;
}

/** The parsed config, or the problems that stopped parsing. */
export interface ConfigCheck {
  embeddings: ConfigEmbedding[];
  problems: VerifyProblem[];
}

const FILE = RUN_FILES.config;

/** Reads and checks `projector_config.json` in `dir`. */
export async function readConfig(dir: string): Promise<ConfigCheck> {
  let text: string;
  try {
    text = await readFile(`${dir}/${FILE}`, "utf8");
  } catch {
    return failed(
      undefined,
      `not found; a run directory needs ${FILE} naming its vectors and metadata. Write the run again with textdream dream or textdream export.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return failed(
      errorLine(text, error),
      `is not valid JSON (${(error as Error).message}); the projector cannot read it. Write the run again.`,
    );
  }
  const list = (parsed as { embeddings?: unknown } | null)?.embeddings;
  if (!Array.isArray(list) || list.length === 0) {
    return failed(
      1,
      `has no "embeddings" array with at least one entry; the projector shows nothing. Add { "embeddings": [ { "tensorName", "tensorShape", "tensorPath", "metadataPath" } ] }.`,
    );
  }
  const embeddings = list.map((entry, index) => ({
    ...(entry as object),
    lines: fieldLines(text, index),
  }));
  return { embeddings, problems: [] };
}

function failed(line: number | undefined, message: string): ConfigCheck {
  return { embeddings: [], problems: [{ file: FILE, line, message }] };
}

/** Returns the 1-based line of each field of the `index`-th embedding. */
function fieldLines(text: string, index: number): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const key of [
    "tensorName",
    "tensorShape",
    "tensorPath",
    "metadataPath",
    "bookmarksPath",
  ]) {
    let at = -1;
    for (let seen = 0; seen <= index; seen++) {
      at = text.indexOf(`"${key}"`, at + 1);
      if (at < 0) break;
    }
    lines[key] = at < 0 ? 1 : lineAt(text, at);
  }
  return lines;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function errorLine(text: string, error: unknown): number {
  const match = /position (\d+)/.exec(String((error as Error).message));
  return match ? lineAt(text, Number(match[1])) : 1;
}

/**
 * Returns why `path` (a config field value) cannot be read inside the run,
 * or undefined when it is a plain relative path within it.
 */
export function pathProblem(path: unknown): string | undefined {
  if (typeof path !== "string" || path === "") return "is not a file name";
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    return "is a URL; a run keeps paths relative to itself (publish writes URLs into the published copy only)";
  }
  const normal = normalize(path);
  if (isAbsolute(path) || normal.startsWith("..")) {
    return "points outside the run directory";
  }
  return undefined;
}

/** Returns `shape` as [points, dim] when it is two whole numbers. */
export function shapeOf(shape: unknown): [number, number] | undefined {
  if (!Array.isArray(shape) || shape.length !== 2) return undefined;
  const [points, dim] = shape as unknown[];
  if (!Number.isInteger(points) || !Number.isInteger(dim)) return undefined;
  return [points as number, dim as number];
}
