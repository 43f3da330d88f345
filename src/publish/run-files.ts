import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import { FileFormatError, UsageError } from "../errors.js";
import { RUN_FILES } from "../projector/run-files.js";

/** GitHub does not serve files above this many bytes through the API. */
export const GIST_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/** One file to upload, read and hashed before any request. */
export interface UploadFile {
  /** File name in the run directory and in the gist. */
  name: string;
  content: string;
  /** Size in bytes. */
  size: number;
  /** Hex sha256 of the bytes. */
  sha256: string;
}

/** One embedding of `projector_config.json`, as the projector reads it. */
export interface ProjectorEmbedding {
  tensorName?: string;
  tensorShape?: number[];
  tensorPath: string;
  metadataPath?: string;
  bookmarksPath?: string;
  [key: string]: unknown;
}

/** The run's projector config. */
export interface ProjectorConfigFile {
  embeddings: ProjectorEmbedding[];
  [key: string]: unknown;
}

/** Files a publish uploads: the config and the data files it names. */
export interface PublishInputs {
  config: ProjectorConfigFile;
  data: UploadFile[];
}

/** The config keys whose values are file paths. */
export const PATH_KEYS = [
  "tensorPath",
  "metadataPath",
  "bookmarksPath",
] as const;

/**
 * Reads the run's projector config and every data file it names, and checks
 * each against the gist limits (not empty, at most 10 MB, UTF-8 text), so a
 * publish fails before its first request.
 */
export async function readPublishInputs(dir: string): Promise<PublishInputs> {
  const config = await readConfig(dir);
  const names = new Set<string>();
  for (const embedding of config.embeddings) {
    for (const key of PATH_KEYS) {
      const value = embedding[key];
      if (value !== undefined) names.add(checkPath(value, key));
    }
  }
  const data: UploadFile[] = [];
  for (const name of names) data.push(await readUpload(dir, name));
  return { config, data };
}

async function readConfig(dir: string): Promise<ProjectorConfigFile> {
  const path = join(dir, RUN_FILES.config);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileFormatError(
      `publish could not read ${path} (${code ?? (error as Error).message}); expected the projector config of a run directory: pass a directory written by textdream dream or textdream export.`,
    );
  }
  const embeddings = (parsed as ProjectorConfigFile | null)?.embeddings;
  const valid =
    Array.isArray(embeddings) &&
    embeddings.length > 0 &&
    embeddings.every((e) => typeof e?.tensorPath === "string");
  if (!valid) {
    throw new FileFormatError(
      `publish read ${path} but it has no embeddings with a tensorPath; expected {"embeddings":[{"tensorPath":...}]}: re-run textdream dream or textdream export.`,
    );
  }
  return parsed as ProjectorConfigFile;
}

function checkPath(value: unknown, key: string): string {
  if (
    typeof value !== "string" ||
    !/^[\w.-]+$/.test(value) ||
    value.startsWith(".")
  ) {
    throw new FileFormatError(
      `publish found ${key} ${JSON.stringify(value)} in ${RUN_FILES.config}; expected a file name inside the run directory: re-run textdream dream or textdream export to rewrite the config.`,
    );
  }
  if (value.endsWith(".bytes")) {
    throw new UsageError(
      `publish cannot upload ${value}: a gist stores text files only, and ${key} names raw float32 bytes; expected vectors.tsv: export the run with TSV vectors and publish again.`,
    );
  }
  return value;
}

async function readUpload(dir: string, name: string): Promise<UploadFile> {
  const path = join(dir, name);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new FileFormatError(
      `publish found ${name} named in ${RUN_FILES.config} but not as a file in ${dir}; expected every file the config names: re-run the command that wrote the run.`,
    );
  }
  checkSize(name, info.size);
  const bytes = await readFile(path);
  checkText(name, bytes);
  return {
    name,
    content: bytes.toString("utf8"),
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Throws a UsageError when `size` bytes is above the gist file limit. */
export function checkSize(name: string, size: number): void {
  if (size <= GIST_FILE_LIMIT_BYTES) return;
  const megabytes = (size / 1024 / 1024).toFixed(1);
  throw new UsageError(
    `publish cannot upload ${name}: it is ${size} bytes (${megabytes} MB), above GitHub's gist limit of ${GIST_FILE_LIMIT_BYTES} bytes (10 MB) per file; nothing was uploaded. Make the run smaller: a lower --vocab-size, a smaller --context, or fewer digits per number; or use textdream serve instead of a gist.`,
  );
}

function checkText(name: string, bytes: Buffer): void {
  if (bytes.toString("utf8").trim() === "") {
    throw new UsageError(
      `publish cannot upload ${name}: it is ${bytes.length === 0 ? "empty (0 bytes)" : "blank (whitespace only)"}, and GitHub rejects blank gist files with 422; nothing was uploaded. Re-run the command that wrote the run so ${name} has its rows.`,
    );
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(
      `publish cannot upload ${name}: it is not UTF-8 text, and a gist stores text only; nothing was uploaded. Re-export the run so ${name} is UTF-8.`,
    );
  }
}

/** Returns the hex sha256 of `text` encoded as UTF-8. */
export function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
