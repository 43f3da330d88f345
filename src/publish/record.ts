import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { FileFormatError } from "../errors.js";
import { writeJsonAtomic } from "../io/atomic.js";
import { RUN_FILES } from "../projector/run-files.js";

/** One uploaded file as recorded locally; compared by hash on re-publish. */
export interface PublishedFile {
  /** Hex sha256 of the bytes uploaded. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** Revision-pinned raw URL. */
  rawUrl: string;
}

/** Contents of `published.json`: where a run lives on GitHub. */
export interface PublishedRecord {
  format: "textdream-published";
  version: 1;
  /** API base URL the gist lives on. */
  apiUrl: string;
  gistId: string;
  /** Login of the gist's owner. */
  owner: string;
  /** Web page of the gist. */
  htmlUrl: string;
  public: boolean;
  description: string;
  /** Newest revision (commit sha) of the gist after this publish. */
  revision: string;
  /** Revision the config's raw URLs are pinned to. */
  dataRevision: string;
  /** False after a publish stopped between the data and the config write. */
  complete: boolean;
  /** Revision-pinned raw URL of `projector_config.json`, once written. */
  configUrl?: string;
  /** Embedding Projector link that opens the config, once written. */
  projectorUrl?: string;
  /** Every file uploaded, data files and config, by name. */
  files: Record<string, PublishedFile>;
  /** ISO 8601 time of the last write. */
  publishedAt: string;
}

/**
 * Reads `published.json` from `dir`; returns undefined when there is none,
 * and throws a FileFormatError when it is not a record this tool wrote.
 */
export async function readPublished(
  dir: string,
): Promise<PublishedRecord | undefined> {
  const path = join(dir, RUN_FILES.published);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: Partial<PublishedRecord> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<PublishedRecord>;
  } catch {
    parsed = undefined;
  }
  if (
    parsed?.format !== "textdream-published" ||
    typeof parsed.gistId !== "string" ||
    typeof parsed.files !== "object"
  ) {
    throw new FileFormatError(
      `publish read ${path} but it is not a textdream publish record (format "textdream-published" with gistId and files); delete it to publish to a new gist, or pass --gist-id <id> to update a gist you own.`,
    );
  }
  return parsed as PublishedRecord;
}

/** Writes `record` to `published.json` in `dir`, atomically. */
export async function writePublished(
  dir: string,
  record: PublishedRecord,
): Promise<void> {
  await writeJsonAtomic(join(dir, RUN_FILES.published), record);
}
