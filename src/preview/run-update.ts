import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { Logger } from "../io/logger.js";
import type { EmbeddingConfigEntry } from "../projector/config.js";
import { writeProjectorConfig } from "../projector/config.js";
import { writeManifest, type ManifestInput } from "../projector/manifest.js";
import { RUN_FILES } from "../projector/run-files.js";

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Sets `bookmarksPath` to `bookmarks` on every embedding of the run's
 * `projector_config.json`, rewriting it atomically. Returns false, with a
 * warning, when the run has no readable config.
 */
export async function linkBookmarks(
  dir: string,
  bookmarks: string,
  logger: Logger,
): Promise<boolean> {
  const config = (await readJson(join(dir, RUN_FILES.config))) as
    { embeddings?: EmbeddingConfigEntry[] } | undefined;
  if (!Array.isArray(config?.embeddings) || config.embeddings.length === 0) {
    logger.warn(
      `${RUN_FILES.config} is missing or has no embeddings, so ${bookmarks} is not linked; write the run with textdream dream or export first.`,
    );
    return false;
  }
  const entries = config.embeddings.map((entry) => ({
    ...entry,
    bookmarksPath: bookmarks,
  }));
  await writeProjectorConfig(dir, entries);
  return true;
}

interface ManifestFile extends ManifestInput {
  files?: Array<{ file: string }>;
}

/**
 * Rewrites the run's `manifest.json` with the files it listed plus
 * `added`, so its sizes and sha256 sums match the files on disk. A run
 * without a manifest is left without one.
 */
export async function refreshManifest(
  dir: string,
  added: string[],
  logger: Logger,
): Promise<void> {
  const manifest = (await readJson(join(dir, RUN_FILES.manifest))) as
    ManifestFile | undefined;
  if (!manifest?.tool || !Array.isArray(manifest.files)) {
    logger.debug(`preview: no readable ${RUN_FILES.manifest} to refresh`);
    return;
  }
  const names = new Set(manifest.files.map((entry) => entry.file));
  for (const name of added) names.add(name);
  names.delete(RUN_FILES.manifest);
  const { files: _files, ...input } = manifest;
  await writeManifest(dir, input, [...names]);
}
