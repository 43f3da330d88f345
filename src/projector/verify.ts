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
 * it: the config's embeddings, paths and shapes; every vectors row of one
 * width and only finite numbers; a metadata header exactly when the first
 * line contains a tab, one row per point and no blank lines; sequence links
 * in range and without cycles; bookmarks; and the manifest's sizes and
 * sha256 sums. Returns every problem with its file and line.
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

/** Checks one config entry and the files it names. */
async function verifyEmbedding(
  dir: string,
  embedding: ConfigEmbedding,
): Promise<VectorsCheck> {
  const problems: VerifyProblem[] = [];
  const configProblem = (field: string, message: string) =>
    problems.push({
      file: RUN_FILES.config,
      line: embedding.lines[field],
      message,
    });
  const shape = shapeOf(embedding.tensorShape);
  if (!shape) {
    configProblem(
      "tensorShape",
      `tensorShape is ${JSON.stringify(embedding.tensorShape)}; expected [points, dimensions], two whole numbers. Write the shape of the vectors file.`,
    );
  }
  const vectors = await checkVectorsFile(dir, embedding, shape, configProblem);
  problems.push(...vectors.problems);
  if (shape && vectors.rows > 0) {
    if (shape[0] !== vectors.rows || shape[1] !== vectors.dim) {
      configProblem(
        "tensorShape",
        `tensorShape is [${shape.join(", ")}] but ${String(embedding.tensorPath)} contains ${vectors.rows} rows of ${vectors.dim}; the projector trusts the file and misreports the shape. Write [${vectors.rows}, ${vectors.dim}].`,
      );
    }
  }
  const name = embedding.metadataPath;
  if (
    name !== undefined &&
    (await readablePath(dir, name, "metadataPath", configProblem))
  ) {
    const metadata = await checkMetadata(dir, name as string);
    problems.push(...metadata.problems);
    if (vectors.rows > 0 && metadata.rows !== vectors.rows) {
      problems.push({
        file: name as string,
        line: metadata.lines.at(-1) ?? 1,
        message: `the file has ${metadata.rows} metadata rows${metadata.headerLine ? " after its header" : ""}; ${String(embedding.tensorPath)} has ${vectors.rows} points, so the projector pairs labels with the wrong points. Write one metadata row per point.`,
      });
    }
    problems.push(...checkSequences(metadata, name as string, metadata.rows));
  }
  const bookmarks = embedding.bookmarksPath;
  if (
    bookmarks !== undefined &&
    (await readablePath(dir, bookmarks, "bookmarksPath", configProblem))
  ) {
    problems.push(
      ...(await verifyBookmarksHook(dir, bookmarks as string, vectors.rows)),
    );
  }
  return { ...vectors, problems };
}

async function checkVectorsFile(
  dir: string,
  embedding: ConfigEmbedding,
  shape: [number, number] | undefined,
  configProblem: (field: string, message: string) => void,
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
  configProblem: (field: string, message: string) => void,
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
