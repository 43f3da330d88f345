import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";

import { UsageError } from "../errors.js";
import { RUN_FILES } from "../projector/index.js";
import type { RowCollector } from "./collector.js";
import type { LabelTable } from "./labels.js";
import { readLabelTable } from "./labels.js";
import type { VectorReader } from "./readers.js";

/**
 * Creates `outDir`, rejecting one that already contains a file export would
 * write (a run, or a user's own vectors.tsv) unless `force`. Returns the
 * first directory it created, or undefined when `outDir` existed.
 */
export async function prepareDir(
  outDir: string,
  force: boolean,
): Promise<string | undefined> {
  const written = [
    RUN_FILES.manifest,
    RUN_FILES.vectorsTsv,
    RUN_FILES.vectorsBytes,
    RUN_FILES.metadata,
    RUN_FILES.config,
    RUN_FILES.pbtxt,
  ];
  const present: string[] = [];
  for (const name of written) {
    const exists = await access(join(outDir, name)).then(
      () => true,
      () => false,
    );
    if (exists) present.push(name);
  }
  if (present.length > 0 && !force) {
    throw new UsageError(
      `Exporting into "${outDir}" failed: it already contains ${present.join(", ")}. Pass another --out directory, or --force to replace those files.`,
      "ALREADY_EXISTS",
    );
  }
  return mkdir(outDir, { recursive: true });
}

/** Reads a `--metadata` table, which needs a header and two columns. */
export async function readMetadataTable(path: string): Promise<LabelTable> {
  const table = await readLabelTable(path);
  if (table.columns.length < 2) {
    throw new UsageError(
      `Reading the metadata file "${path}" failed: it has one column; expected a .tsv or .csv whose header names the join column (a word, or "row") and at least one more column. Add the header and columns.`,
    );
  }
  return table;
}

/** Checks that `--labels` fits the input before any row is read. */
export function checkLabels(
  reader: VectorReader,
  labels: LabelTable | undefined,
  input: string,
  labelsFile: string | undefined,
): void {
  if (!labels) return;
  if (reader.keyed) {
    throw new UsageError(
      `Exporting "${input}" failed: --labels "${labelsFile}" was given, but the input names its own rows by word. Drop --labels, or use --metadata to add columns.`,
    );
  }
  if (
    reader.knownRows !== undefined &&
    reader.knownRows !== labels.rows.length
  ) {
    throw labelMismatch(
      input,
      reader.knownRows,
      labelsFile,
      labels.rows.length,
    );
  }
}

/** Checks, after the last row, that every row had one label. */
export function checkLabelCount(
  reader: VectorReader,
  collector: RowCollector,
  labels: LabelTable | undefined,
  input: string,
  labelsFile: string | undefined,
): void {
  if (!labels || reader.knownRows !== undefined || collector.done) return;
  const rows = collector.report.rowsRead;
  if (rows !== labels.rows.length) {
    throw labelMismatch(input, rows, labelsFile, labels.rows.length);
  }
}

function labelMismatch(
  input: string,
  rows: number,
  labelsFile: string | undefined,
  labelCount: number,
): UsageError {
  return new UsageError(
    `Exporting "${input}" failed: it contains ${rows} rows, but the labels file "${labelsFile}" contains ${labelCount} labels. Pass one label per row.`,
  );
}

/** Builds the error for an export that kept no row. */
export function noRows(path: string, collector: RowCollector): UsageError {
  const { rowsRead } = collector.report;
  const reason =
    rowsRead === 0
      ? "it contains no rows after its header"
      : `none of its ${rowsRead} rows was kept (see the warnings above)`;
  return new UsageError(
    `Exporting "${path}" failed: ${reason}. Pass a file with vectors, or loosen --words, --limit or the row rules.`,
  );
}
