import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { writeJsonAtomic } from "../io/atomic.js";
import { summarizeFile, type FileSummary } from "./file-summary.js";
import { RUN_FILES } from "./run-files.js";

/** Record of how a run was made: tool, command, options, seed, model. */
export interface ManifestInput {
  /** The tool that wrote the run: `{ name: "textdream", version }`. */
  tool: { name: string; version: string };
  /** TensorFlow.js backend used, if any. */
  backend?: string;
  /** Command that wrote the run, such as `dream` or `export`. */
  command: string;
  /** Options after defaults were applied. */
  options: Record<string, unknown>;
  /** Random seed, if the run used one. */
  seed?: number;
  /** Model metadata, if a model was used. */
  model?: unknown;
  /** Anything else the command records, kept under `extra`. */
  extra?: Record<string, unknown>;
}

/**
 * Writes `manifest.json` into `dir` atomically: the run's tool, command,
 * options, seed, model and, per file, its size, row count and sha256,
 * sorted by file name. Files given by name are read and summarised. The
 * manifest contains no timestamp, so the same inputs and seed give the same
 * bytes. Returns the manifest's own summary.
 */
export async function writeManifest(
  dir: string,
  input: ManifestInput,
  files: FileSummary[] | string[],
): Promise<FileSummary> {
  const summaries: FileSummary[] = [];
  for (const file of files) {
    summaries.push(
      typeof file === "string" ? await summarizeRunFile(dir, file) : file,
    );
  }
  summaries.sort((a, b) => compareNames(a.file, b.file));
  const manifest = {
    tool: input.tool,
    command: input.command,
    ...(input.backend !== undefined ? { backend: input.backend } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    options: input.options,
    ...(input.model !== undefined ? { model: input.model } : {}),
    ...(input.extra !== undefined ? { extra: input.extra } : {}),
    files: summaries.map(({ file, bytes, rows, sha256 }) => ({
      file,
      bytes,
      rows,
      sha256,
    })),
  };
  const path = join(dir, RUN_FILES.manifest);
  await writeJsonAtomic(path, manifest);
  return summarizeFile(path);
}

/** Summarises `name` in `dir`; a `.bytes` file takes dim from the config. */
async function summarizeRunFile(dir: string, name: string) {
  const path = join(dir, name);
  const dim = name.endsWith(".bytes") ? await configDim(dir, name) : 0;
  return { ...(await summarizeFile(path, { dim })), file: name };
}

async function configDim(dir: string, name: string): Promise<number> {
  try {
    const text = await readFile(join(dir, RUN_FILES.config), "utf8");
    const config = JSON.parse(text) as {
      embeddings?: Array<{ tensorPath?: string; tensorShape?: number[] }>;
    };
    const entry = config.embeddings?.find((e) => e.tensorPath === name);
    return entry?.tensorShape?.[1] ?? 0;
  } catch {
    return 0;
  }
}

/** Orders file names by UTF-16 code units, the same on every machine. */
function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
