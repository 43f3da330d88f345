import { Command, Option } from "commander";
import { resolve } from "node:path";

import { exportEmbeddings, INPUT_FORMATS } from "../../export/index.js";
import type { ExportProgress, InputFormat } from "../../export/index.js";
import type { Logger } from "../../io/logger.js";
import type { CliContext, CommonOptions, OutputStream } from "../context.js";
import { choiceOption, integerOption } from "../options.js";

interface ExportCommandOptions extends CommonOptions {
  out?: string;
  inputFormat?: InputFormat | "auto";
  limit?: number;
  words?: string;
  normalize?: boolean;
  digits: number;
  format: "tsv" | "bytes";
  labels?: string;
  metadata?: string;
  name?: string;
  tensorboard?: boolean;
  skipBadRows?: boolean;
  dropNonfinite?: boolean;
  force?: boolean;
}

/** Builds the `export` command. */
export function exportCommand(context: CliContext): Command {
  return new Command("export")
    .description(
      "Export a word-vector or embedding file (GloVe text, word2vec text or binary, fastText .vec, .npy, JSON; gzip too) as Embedding Projector files.",
    )
    .argument("<input>", "vectors file to read")
    .option(
      "-o, --out <dir>",
      "run directory to write (default: <input>-projector)",
    )
    .addOption(
      new Option(
        "--input-format <format>",
        `input format: auto (from content and extension), ${INPUT_FORMATS.join(", ")}`,
      )
        .argParser(choiceOption(["auto", ...INPUT_FORMATS]))
        .default("auto"),
    )
    .option(
      "--limit <rows>",
      "read only the first N rows (default: all)",
      integerOption({ min: 1 }),
    )
    .option(
      "--words <file>",
      "keep only the words of this file (one per line), in its order",
    )
    .option("--normalize", "scale every vector to unit length (default: off)")
    .option(
      "--digits <n>",
      "significant digits per number in vectors.tsv, 1-9",
      integerOption({ min: 1, max: 9 }),
      6,
    )
    .option(
      "--format <kind>",
      "vectors file: tsv (text) or bytes (float32)",
      choiceOption(["tsv", "bytes"] as const),
      "tsv",
    )
    .option(
      "--labels <file>",
      "labels of .npy or JSON-array rows: one per line, or a .tsv/.csv with a header",
    )
    .option(
      "--metadata <file>",
      ".tsv/.csv of extra columns joined on its first column: the word, or the 0-based row when named row",
    )
    .option(
      "--name <name>",
      "tensor name shown in the projector (default: the input file name)",
    )
    .option(
      "--tensorboard",
      "also write projector_config.pbtxt for TensorBoard",
    )
    .option(
      "--skip-bad-rows",
      "skip rows with a wrong field count, with a counted warning (default: fail)",
    )
    .option(
      "--drop-nonfinite",
      "drop rows containing NaN or Infinity, with a counted warning (default: fail)",
    )
    .option(
      "--force",
      "replace the files of an existing run in the output directory",
    )
    .option("--json", "print the result as JSON")
    .option("--verbose", "print details on stderr")
    .action(async (input: string, opts: ExportCommandOptions) => {
      const cwd = context.io.cwd;
      const inputPath = resolve(cwd, input);
      const outDir = resolve(cwd, opts.out ?? `${stem(input)}-projector`);
      const onProgress = progressPrinter(context.io.stderr);
      const result = await exportEmbeddings(inputPath, outDir, {
        inputFormat: opts.inputFormat === "auto" ? undefined : opts.inputFormat,
        limit: opts.limit,
        wordsFile: opts.words && resolve(cwd, opts.words),
        normalize: opts.normalize,
        digits: opts.digits,
        format: opts.format,
        labelsFile: opts.labels && resolve(cwd, opts.labels),
        metadataFile: opts.metadata && resolve(cwd, opts.metadata),
        name: opts.name,
        tensorboard: opts.tensorboard,
        skipBadRows: opts.skipBadRows,
        dropNonfinite: opts.dropNonfinite,
        force: opts.force,
        logger: afterProgress(context.logger(opts), onProgress.end),
        onProgress: onProgress.update,
      });
      onProgress.end();
      if (opts.json) {
        context.printJson(result);
        return;
      }
      context.print(
        `exported ${result.rows} x ${result.dim} (${result.inputFormat}) to ${result.dir}`,
      );
      for (const file of result.files) {
        context.print(
          `  ${file.file}  ${file.rows} ${file.rows === 1 ? "row" : "rows"}  ${file.bytes} bytes`,
        );
      }
    });
}

function stem(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.gz$/i, "").replace(/\.[^.]+$/, "") || "export";
}

const REDRAW_MS = 100;

/**
 * Prints bytes and rows read on `stream`: one redrawn line on a terminal,
 * else one line per tenth of the input.
 */
function progressPrinter(stream: OutputStream) {
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const update = (progress: ExportProgress) => {
    const { bytesRead, bytesTotal, rows } = progress;
    const fraction = bytesTotal > 0 ? Math.min(1, bytesRead / bytesTotal) : 1;
    const line = `reading ${formatBytes(bytesRead)} of ${formatBytes(bytesTotal)} (${Math.floor(fraction * 100)}%), ${rows} rows`;
    if (stream.isTTY) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && fraction < 1) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${line}\u001b[K`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    stream.write(`${line}\n`);
  };
  const end = () => {
    if (drawn) stream.write("\n");
    drawn = false;
  };
  return { update, end };
}

/** Wraps `logger` so a message first ends the progress line. */
function afterProgress(logger: Logger, endLine: () => void): Logger {
  return {
    debug: (message) => {
      endLine();
      logger.debug(message);
    },
    info: (message) => {
      endLine();
      logger.info(message);
    },
    warn: (message) => {
      endLine();
      logger.warn(message);
    },
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
