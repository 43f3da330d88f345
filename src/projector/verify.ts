import { stat } from "node:fs/promises";
import { join } from "node:path";

import { verifyBookmarks } from "./bookmarks.js";
import { RUN_FILES } from "./run-files.js";
import {
  pathProblem,
  readConfig,
  shapeOf,
  type ConfigEmbedding,
} from "./verify-config.js";
import { checkManifest } from "./verify-manifest.js";
import { checkMetadata, checkSequences } from "./verify-metadata.js";
import type { VerifyProblem, VerifyReport } from "./verify-types.js";
import {
  checkVectorsBytes,
  checkVectorsTsv,
  type VectorsCheck,
} from "./verify-vectors.js";

/**
 * Checks the run directory `dir` the way the Embedding Projector will read
 * it. The config must name files inside the run with the right shape.
 * Every vectors row has one width and only finite numbers. The metadata
 * has a header exactly when its first line contains a tab, one row per
 * point, no blank lines, and sequence links in range without cycles.
 * Bookmarks and the manifest's sizes and sha256 sums are checked too.
 * Returns every problem with its file and line.
 */
export async function verifyRun(dir: string): Promise<VerifyReport> {
  const config = await readConfig(dir);
  const problems: VerifyProblem[] = [...config.problems];
  let points = 0;
  let dim = 0;
  const dims = new Map<string, number>();
  for (const embedding of config.embeddings) {
    const result = await verifyEmbedding(dir, embedding);
    problems.push(...result.problems);
    if (typeof embedding.tensorPath === "string") {
      dims.set(embedding.tensorPath, result.dim);
    }
    if (points === 0) ({ rows: points, dim } = result);
  }
  problems.push(...(await checkManifest(dir, (file) => dims.get(file) ?? 0)));
  return { ok: problems.length === 0, points, dim, problems };
}

/** Receives a problem found in the config field `field`. */
type ConfigProblem = (field: string, message: string) => void;

/** Checks one config entry and the files it names. */
async function verifyEmbedding(
  dir: string,
  embedding: ConfigEmbedding,
): Promise<VectorsCheck> {
  const problems: VerifyProblem[] = [];
  const configProblem: ConfigProblem = (field, message) =>
    problems.push({
      file: RUN_FILES.config,
      line: embedding.lines[field],
      message,
    });
  const shape = shapeOf(embedding.tensorShape);
  const vectors = await checkVectorsFile(dir, embedding, shape, configProblem);
  problems.push(...vectors.problems);
  checkShape(embedding, shape, vectors, configProblem);

  const metadataPath = embedding.metadataPath;
  if (
    metadataPath !== undefined &&
    (await readablePath(dir, metadataPath, "metadataPath", configProblem))
  ) {
    const name = metadataPath as string;
    problems.push(...(await checkMetadataFile(dir, name, embedding, vectors)));
  }

  const bookmarks = embedding.bookmarksPath;
  if (
    bookmarks !== undefined &&
    (await readablePath(dir, bookmarks, "bookmarksPath", configProblem))
  ) {
    const name = bookmarks as string;
    problems.push(...(await verifyBookmarksHook(dir, name, vectors.rows)));
  }
  return { ...vectors, problems };
}

/** Reports a tensorShape that is malformed or disagrees with the file. */
function checkShape(
  embedding: ConfigEmbedding,
  shape: [number, number] | undefined,
  vectors: VectorsCheck,
  configProblem: ConfigProblem,
): void {
  if (!shape) {
    configProblem(
      "tensorShape",
      `tensorShape is ${JSON.stringify(embedding.tensorShape)}; expected [points, dimensions], two whole numbers. Write the shape of the vectors file.`,
    );
    return;
  }
  const differs = shape[0] !== vectors.rows || shape[1] !== vectors.dim;
  if (vectors.rows > 0 && differs) {
    configProblem(
      "tensorShape",
      `tensorShape is [${shape.join(", ")}] but ${String(embedding.tensorPath)} contains ${vectors.rows} rows of ${vectors.dim}, so the projector shows a shape that differs from the config. Write [${vectors.rows}, ${vectors.dim}].`,
    );
  }
}

/** Checks the metadata file `name`, its row count and sequence links. */
async function checkMetadataFile(
  dir: string,
  name: string,
  embedding: ConfigEmbedding,
  vectors: VectorsCheck,
): Promise<VerifyProblem[]> {
  const metadata = await checkMetadata(dir, name);
  const problems = [...metadata.problems];
  if (vectors.rows > 0 && metadata.rows !== vectors.rows) {
    const header = metadata.headerLine ? " after its header" : "";
    problems.push({
      file: name,
      line: metadata.lines.at(-1) ?? 1,
      message: `the file has ${metadata.rows} metadata rows${header}; ${String(embedding.tensorPath)} has ${vectors.rows} points, so the projector pairs labels with the wrong points. Write one metadata row per point.`,
    });
  }
  problems.push(...checkSequences(metadata, name, metadata.rows));
  return problems;
}

async function checkVectorsFile(
  dir: string,
  embedding: ConfigEmbedding,
  shape: [number, number] | undefined,
  configProblem: ConfigProblem,
): Promise<VectorsCheck> {
  const name = embedding.tensorPath;
  const empty: VectorsCheck = { rows: 0, dim: 0, problems: [] };
  if (!(await readablePath(dir, name, "tensorPath", configProblem)))
    return empty;
  if (!(name as string).endsWith(".bytes"))
    return checkVectorsTsv(dir, name as string);
  if (!shape) return empty;
  return checkVectorsBytes(dir, name as string, shape[1]);
}

/** Reports a config path that is not a file inside the run; true if it is. */
async function readablePath(
  dir: string,
  path: unknown,
  field: string,
  configProblem: ConfigProblem,
): Promise<boolean> {
  const problem = pathProblem(path);
  if (problem) {
    configProblem(
      field,
      `${field} ${JSON.stringify(path)} ${problem}. Write a file name relative to the run directory.`,
    );
    return false;
  }
  const found = await stat(join(dir, path as string)).catch(() => undefined);
  if (!found?.isFile()) {
    configProblem(
      field,
      `${field} "${String(path)}" does not exist in the run directory. Write the file or fix the path.`,
    );
    return false;
  }
  return true;
}

/**
 * Checks the bookmarks file `path` in `dir` for a run of `points` points:
 * the hook through which verifyRun reaches the bookmarks checker.
 */
export async function verifyBookmarksHook(
  dir: string,
  path: string,
  points: number,
): Promise<VerifyProblem[]> {
  return verifyBookmarks(dir, path, points);
}
