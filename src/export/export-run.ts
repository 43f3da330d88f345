import { rm } from "node:fs/promises";
import { basename, join } from "node:path";

import { FileFormatError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import { markTemporary, unmarkTemporary } from "../io/cleanup.js";
import type { FileSummary } from "../projector/index.js";
import {
  RUN_FILES,
  writeManifest,
  writeMetadataTsv,
  writeProjectorConfig,
  writeTensorboardConfig,
  writeVectorsBytes,
  writeVectorsTsv,
} from "../projector/index.js";
import { VERSION } from "../version.js";
import { RowCollector } from "./collector.js";
import { detectFormat } from "./detect.js";
import type { LabelTable } from "./labels.js";
import { readLabelTable, readWordList } from "./labels.js";
import {
  checkLabelCount,
  checkLabels,
  noRows,
  prepareDir,
  readMetadataTable,
} from "./checks.js";
import { planMetadata } from "./metadata-rows.js";
import type { VectorReader } from "./readers.js";
import { openReader } from "./readers.js";
import type { InputSource } from "./source.js";
import { openInput } from "./source.js";
import type { InputFormat, ReadReport } from "./types.js";
import { reportWarnings } from "./warnings.js";

/** How far an export is, reported after each chunk of rows. */
export interface ExportProgress {
  /** Bytes of the input file read so far (compressed bytes for gzip). */
  bytesRead: number;
  /** Size of the input file in bytes. */
  bytesTotal: number;
  /** Input rows read so far. */
  rows: number;
}

/** Options of {@link exportEmbeddings}; every one is optional. */
export interface ExportOptions {
  /** Input format; detected from content and extension by default. */
  inputFormat?: InputFormat;
  /** Reads only the first N rows of the input; all by default. */
  limit?: number;
  /** File of words (one per line) to keep, in that order; all by default. */
  wordsFile?: string;
  /** Scales each vector to unit L2 length; false by default. */
  normalize?: boolean;
  /** Significant digits per TSV number, 1..9; default 6. */
  digits?: number;
  /** Vectors file kind: `tsv` text or `bytes` float32; default `tsv`. */
  format?: "tsv" | "bytes";
  /** Labels of `.npy` and JSON-array rows: one per line, or a TSV/CSV. */
  labelsFile?: string;
  /** TSV/CSV of extra metadata columns joined on word or row; none by default. */
  metadataFile?: string;
  /** Tensor name in the projector; default the input file name. */
  name?: string;
  /** Also writes `projector_config.pbtxt` for TensorBoard; false by default. */
  tensorboard?: boolean;
  /** Skips rows with a wrong field count, counted; false (fail) by default. */
  skipBadRows?: boolean;
  /** Drops rows holding NaN or Infinity, counted; false (fail) by default. */
  dropNonfinite?: boolean;
  /** Replaces the files of an existing run in `outDir`; false by default. */
  force?: boolean;
  /** Receives warnings and details; silent by default. */
  logger?: Logger;
  /** Receives bytes and rows read after each chunk; none by default. */
  onProgress?: (progress: ExportProgress) => void;
}

/** The outcome of {@link exportEmbeddings}: files written, counts and warnings. */
export interface ExportResult {
  dir: string;
  inputFormat: InputFormat;
  /** Points written. */
  rows: number;
  dim: number;
  files: FileSummary[];
  report: ReadReport;
  /** Every warning also sent to the logger. */
  warnings: string[];
}

/**
 * Exports the word vectors or embeddings in `input` as a projector run in
 * `outDir`: vectors (TSV or `.bytes`), metadata, projector config, manifest
 * and, on request, the TensorBoard config. Input and output are streamed
 * in chunks, so memory does not grow with the vectors (only with the words
 * kept, which duplicate detection and the metadata need).
 */
export async function exportEmbeddings(
  input: string,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const words = options.wordsFile
    ? await readWordList(options.wordsFile)
    : undefined;
  const labels = options.labelsFile
    ? await readLabelTable(options.labelsFile)
    : undefined;
  const extra = options.metadataFile
    ? await readMetadataTable(options.metadataFile)
    : undefined;
  const source = await openInput(input);
  try {
    return await exportSource(source, input, outDir, options, {
      words,
      labels,
      extra,
    });
  } finally {
    await source.close();
  }
}

interface SideFiles {
  words: string[] | undefined;
  labels: LabelTable | undefined;
  extra: LabelTable | undefined;
}

async function exportSource(
  source: InputSource,
  input: string,
  outDir: string,
  options: ExportOptions,
  { words, labels, extra }: SideFiles,
): Promise<ExportResult> {
  if (source.head.length === 0) {
    throw new FileFormatError(
      `Reading "${input}" failed: the file is empty (0 bytes). Pass a vectors file.`,
    );
  }
  const inputFormat = options.inputFormat ?? detectFormat(source);
  const reader = await openReader(source, inputFormat);
  checkLabels(reader, labels, input, options.labelsFile);
  const created = await prepareDir(outDir, options.force ?? false);
  // A directory this export created goes again if the export fails.
  if (created) markTemporary(created);
  try {
    const result = await writeRun(source, input, outDir, options, reader, {
      words,
      labels,
      extra,
      inputFormat,
    });
    if (created) unmarkTemporary(created);
    return result;
  } catch (error) {
    if (created) {
      await rm(created, { recursive: true, force: true });
      unmarkTemporary(created);
    }
    throw error;
  }
}

async function writeRun(
  source: InputSource,
  input: string,
  outDir: string,
  options: ExportOptions,
  reader: VectorReader,
  {
    words,
    labels,
    extra,
    inputFormat,
  }: SideFiles & { inputFormat: InputFormat },
): Promise<ExportResult> {
  const logger = options.logger ?? silentLogger;
  logger.debug(
    `reading "${input}" as ${inputFormat}, dimension ${reader.dim}${source.gzip ? ", gzip" : ""}`,
  );
  const collector = new RowCollector({
    dim: reader.dim,
    keyed: reader.keyed,
    limit: options.limit,
    words,
    normalize: options.normalize,
    dropNonfinite: options.dropNonfinite,
    skipBadRows: options.skipBadRows,
  });
  const vectors = await writeVectors(source, reader, collector, labels, {
    outDir,
    options,
    finalCheck: () =>
      checkLabelCount(reader, collector, labels, input, options.labelsFile),
  });
  const plan = planMetadata(collector, reader.keyed, labels, extra);
  const metadata = await writeMetadataTsv(
    join(outDir, RUN_FILES.metadata),
    plan.columns,
    plan.rows(),
  );
  const warnings = reportWarnings(collector, reader, plan.unmatched(), logger);
  const files = await writeConfigs(
    { input, outDir, inputFormat, source, reader, collector, options },
    [vectors, metadata],
  );
  return {
    dir: outDir,
    inputFormat,
    rows: collector.report.rowsKept,
    dim: reader.dim,
    files,
    report: collector.report,
    warnings,
  };
}

/** The parts of an export that {@link writeConfigs} records. */
interface RunParts {
  input: string;
  outDir: string;
  inputFormat: InputFormat;
  source: InputSource;
  reader: VectorReader;
  collector: RowCollector;
  options: ExportOptions;
}

/** Writes the configs and the manifest; returns every file of the run. */
async function writeConfigs(
  parts: RunParts,
  [vectors, metadata]: [FileSummary, FileSummary],
): Promise<FileSummary[]> {
  const { input, outDir, options, collector, reader, source } = parts;
  const files = [vectors, metadata];
  const entry = {
    tensorName: options.name ?? basename(input),
    tensorShape: [collector.report.rowsKept, reader.dim] as [number, number],
    tensorPath: vectors.file,
    metadataPath: metadata.file,
  };
  files.push(await writeProjectorConfig(outDir, [entry]));
  if (options.tensorboard) {
    files.push(await writeTensorboardConfig(outDir, [entry]));
  }
  const extra = {
    input: basename(input),
    inputFormat: parts.inputFormat,
    inputBytes: source.bytesTotal,
    report: { ...collector.report },
  };
  const manifest = await writeManifest(
    outDir,
    {
      tool: { name: "textdream", version: VERSION },
      command: "export",
      options: manifestOptions(options),
      extra,
    },
    files,
  );
  return [...files, manifest];
}

interface WriteContext {
  outDir: string;
  options: ExportOptions;
  /** Runs after the last row, before the vectors file is committed. */
  finalCheck: () => void;
}

async function writeVectors(
  source: InputSource,
  reader: VectorReader,
  collector: RowCollector,
  labels: LabelTable | undefined,
  { outDir, options, finalCheck }: WriteContext,
): Promise<FileSummary> {
  const bytes = options.format === "bytes";
  const name = bytes ? RUN_FILES.vectorsBytes : RUN_FILES.vectorsTsv;
  const stale = bytes ? RUN_FILES.vectorsTsv : RUN_FILES.vectorsBytes;
  await rm(join(outDir, stale), { force: true });
  const labelOf = labels
    ? (row: number) => labels.rows[row]?.[0] ?? String(row)
    : (row: number) => String(row);
  const progress = () =>
    options.onProgress?.({
      bytesRead: source.bytesRead(),
      bytesTotal: source.bytesTotal,
      rows: collector.report.rowsRead,
    });
  async function* chunks(): AsyncGenerator<Float32Array> {
    for await (const chunk of reader.rows(collector, labelOf)) {
      progress();
      yield chunk.matrix;
    }
    progress();
    if (collector.report.rowsKept === 0) throw noRows(source.path, collector);
    finalCheck();
  }
  const path = join(outDir, name);
  return bytes
    ? writeVectorsBytes(path, reader.dim, chunks())
    : writeVectorsTsv(path, reader.dim, chunks(), { digits: options.digits });
}

function manifestOptions(options: ExportOptions): Record<string, unknown> {
  const { logger, onProgress, ...rest } = options;
  void logger;
  void onProgress;
  return {
    format: "tsv",
    digits: 6,
    normalize: false,
    ...Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    ),
  };
}
