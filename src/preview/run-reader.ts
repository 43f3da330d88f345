import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { TrajectoryFile } from "../dream/trajectory.js";
import { FileFormatError, UsageError } from "../errors.js";
import type { PointMatrix } from "../layout/index.js";
import { RUN_FILES } from "../projector/run-files.js";

/** Contents of a run directory that `preview` reads. */
export interface RunContents {
  /** The run's vectors, one row per point. */
  matrix: PointMatrix;
  /** Metadata column names, from the header line. */
  columns: string[];
  /** One record per point: column name to cell text. */
  metadata: Array<Record<string, string>>;
  /** The recorded dream, when the run has `trajectory.json`. */
  trajectory?: TrajectoryFile;
  /** The vectors file name, relative to the run. */
  vectorsFile: string;
}

interface ConfigFile {
  embeddings?: Array<{ tensorPath?: string; tensorShape?: number[] }>;
}

/**
 * Reads a run directory's vectors (TSV or `.bytes`, as its config names),
 * metadata and trajectory. A cell that is not a finite number is rejected
 * naming its file, line and column.
 */
export async function readRun(dir: string): Promise<RunContents> {
  const config = await readConfig(dir);
  const entry = config?.embeddings?.[0];
  const vectorsFile = entry?.tensorPath ?? (await defaultVectorsFile(dir));
  const matrix = vectorsFile.endsWith(".bytes")
    ? await readBytes(dir, vectorsFile, entry?.tensorShape?.[1])
    : parseVectorsTsv(await readText(dir, vectorsFile), vectorsFile);
  const { columns, metadata } = await readMetadata(dir, matrix.rows);
  const trajectory = await readTrajectory(dir);
  return { matrix, columns, metadata, trajectory, vectorsFile };
}

async function readText(dir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dir, name), "utf8");
  } catch (error) {
    throw new UsageError(
      `preview: cannot read ${join(dir, name)} (${(error as Error).message}); pass a run directory written by textdream dream or export.`,
      "NOT_FOUND",
      { cause: error },
    );
  }
}

async function readConfig(dir: string): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILES.config), "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as ConfigFile;
  } catch (error) {
    throw new FileFormatError(
      `preview: ${RUN_FILES.config} is not valid JSON (${(error as Error).message}); write the run again.`,
      { cause: error },
    );
  }
}

async function defaultVectorsFile(dir: string): Promise<string> {
  try {
    await readFile(join(dir, RUN_FILES.vectorsBytes));
    return RUN_FILES.vectorsBytes;
  } catch {
    return RUN_FILES.vectorsTsv;
  }
}

/**
 * Parses a vectors TSV (one row per line, tab-separated numbers) and
 * throws a FileFormatError naming the line and column of the first cell
 * that is not a finite number, or of the first row of another width.
 */
export function parseVectorsTsv(text: string, file: string): PointMatrix {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const dim = lines.length > 0 ? lines[0]!.split("\t").length : 0;
  const values = new Float32Array(lines.length * dim);
  lines.forEach((line, row) => {
    const cells = line.split("\t");
    if (cells.length !== dim) {
      throw new FileFormatError(
        `preview: ${file} line ${row + 1} (row ${row}) has ${cells.length} numbers but line 1 has ${dim}; every row needs the same width. Write the vectors again.`,
      );
    }
    cells.forEach((cell, column) => {
      const value = cell.trim() === "" ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new FileFormatError(
          `preview: invalid number "${cell.slice(0, 40)}" in ${file} line ${row + 1} (row ${row}), column ${column + 1}; every cell must be a finite number. Fix or drop that row and its metadata line.`,
        );
      }
      values[row * dim + column] = value;
    });
  });
  return { rows: lines.length, dim, values };
}

async function readBytes(
  dir: string,
  file: string,
  dim: number | undefined,
): Promise<PointMatrix> {
  const bytes = await readFile(join(dir, file));
  if (!dim || bytes.length % (4 * dim) !== 0) {
    throw new FileFormatError(
      `preview: invalid size of ${file}: ${bytes.length} bytes is not a whole number of float32 rows of dimension ${dim}. The config's tensorShape must give the dimension, so write the run again.`,
    );
  }
  const values = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < values.length; i++) {
    values[i] = view.getFloat32(4 * i, true);
    if (!Number.isFinite(values[i])) {
      const row = Math.floor(i / dim);
      throw new FileFormatError(
        `preview: invalid value ${values[i]} in ${file} row ${row} (0-based), column ${(i % dim) + 1}; every number must be finite. Fix or drop that row.`,
      );
    }
  }
  return { rows: values.length / dim, dim, values };
}

async function readMetadata(dir: string, rows: number) {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILES.metadata), "utf8");
  } catch {
    const metadata = Array.from({ length: rows }, (_, i) => ({
      label: String(i),
    }));
    return { columns: ["label"], metadata };
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const header = lines[0]?.includes("\t") ? lines.shift()!.split("\t") : null;
  const columns = header ?? ["label"];
  if (lines.length !== rows) {
    throw new FileFormatError(
      `preview: ${RUN_FILES.metadata} has ${lines.length} data rows but the vectors have ${rows}; the projector needs one metadata row per point. Write the run again.`,
    );
  }
  const metadata = lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
  return { columns, metadata };
}

async function readTrajectory(
  dir: string,
): Promise<TrajectoryFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILES.trajectory), "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as TrajectoryFile;
  } catch (error) {
    throw new FileFormatError(
      `preview: ${RUN_FILES.trajectory} is not valid JSON (${(error as Error).message}); write the run again.`,
      { cause: error },
    );
  }
}
