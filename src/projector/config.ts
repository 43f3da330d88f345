import { join } from "node:path";

import { UsageError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { summarizeFile, type FileSummary } from "./file-summary.js";
import { RUN_FILES } from "./run-files.js";

/** One embedding of a projector config; paths are relative to the run. */
export interface EmbeddingConfigEntry {
  /** Name shown in the projector's tensor menu. */
  tensorName: string;
  /** [points, dimensions]. */
  tensorShape: [number, number];
  /** Vectors file: `.tsv` text or `.bytes` little-endian float32. */
  tensorPath: string;
  /** Metadata TSV, if any. */
  metadataPath?: string;
  /** Bookmarks JSON (saved states), if any. */
  bookmarksPath?: string;
}

/**
 * Writes `projector_config.json` into `dir` atomically: `{ "embeddings":
 * [...] }` with the keys the projector reads, in a fixed order. Returns its
 * summary (`rows` = lines).
 */
export async function writeProjectorConfig(
  dir: string,
  entries: EmbeddingConfigEntry[],
): Promise<FileSummary> {
  const embeddings = entries.map((entry, index) => {
    checkEntry(entry, index, "writeProjectorConfig");
    return {
      tensorName: entry.tensorName,
      tensorShape: [entry.tensorShape[0], entry.tensorShape[1]],
      tensorPath: entry.tensorPath,
      ...(entry.metadataPath ? { metadataPath: entry.metadataPath } : {}),
      ...(entry.bookmarksPath ? { bookmarksPath: entry.bookmarksPath } : {}),
    };
  });
  const path = join(dir, RUN_FILES.config);
  await writeFileAtomic(path, `${JSON.stringify({ embeddings }, null, 2)}\n`);
  return summarizeFile(path);
}

/**
 * Writes `projector_config.pbtxt` into `dir` atomically, the text-format
 * config TensorBoard's projector plugin reads (`embeddings { tensor_name
 * tensor_path metadata_path bookmarks_path }`); strings are escaped as
 * protobuf text format requires. Returns its summary (`rows` = lines).
 */
export async function writeTensorboardConfig(
  dir: string,
  entries: EmbeddingConfigEntry[],
): Promise<FileSummary> {
  const blocks = entries.map((entry, index) => {
    checkEntry(entry, index, "writeTensorboardConfig");
    const fields: Array<[string, string | undefined]> = [
      ["tensor_name", entry.tensorName],
      ["tensor_path", entry.tensorPath],
      ["metadata_path", entry.metadataPath],
      ["bookmarks_path", entry.bookmarksPath],
    ];
    const lines = fields
      .filter(([, value]) => value)
      .map(([key, value]) => `  ${key}: ${quoteProtoString(value!)}\n`);
    return `embeddings {\n${lines.join("")}}\n`;
  });
  const path = join(dir, RUN_FILES.pbtxt);
  await writeFileAtomic(path, blocks.join(""));
  return summarizeFile(path);
}

/**
 * Returns `text` as a double-quoted protobuf text-format string: quote,
 * backslash and control characters escaped, other characters as UTF-8.
 */
export function quoteProtoString(text: string): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\" || char === "'") quoted += `\\${char}`;
    else if (char === "\n") quoted += "\\n";
    else if (char === "\r") quoted += "\\r";
    else if (char === "\t") quoted += "\\t";
    else if (code < 0x20 || code === 0x7f) {
      quoted += `\\${code.toString(8).padStart(3, "0")}`;
    } else quoted += char;
  }
  return `${quoted}"`;
}

function checkEntry(
  entry: EmbeddingConfigEntry,
  index: number,
  operation: string,
): void {
  const [points, dim] = entry.tensorShape;
  const valid = (n: number) => Number.isInteger(n) && n >= 1;
  if (!valid(points) || !valid(dim) || !entry.tensorPath) {
    throw new UsageError(
      `${operation}: embedding ${index} has tensorShape [${points}, ${dim}] and tensorPath "${entry.tensorPath}"; expected two whole numbers of at least 1 and a path. Pass the shape of the written vectors file.`,
    );
  }
}
