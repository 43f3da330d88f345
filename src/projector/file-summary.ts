import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";

/**
 * Summary of one file of a run directory, as recorded in the manifest.
 * `rows` counts points for `vectors.tsv`, `vectors.bytes` and
 * `metadata.tsv` (a header line is not a point) and non-blank lines for
 * any other file.
 */
export interface FileSummary {
  /** File name relative to the run directory. */
  file: string;
  /** Size in bytes. */
  bytes: number;
  /** Points for vector and metadata files, non-blank lines for others. */
  rows: number;
  /** Lower-case hexadecimal SHA-256 of the file's bytes. */
  sha256: string;
}

/** Options of {@link summarizeFile}. */
export interface SummarizeOptions {
  /** Vector width for `.bytes` files: rows = bytes / (4 * dim). */
  dim?: number;
}

/**
 * Reads the file at `path` once and returns its size, SHA-256 and row
 * count: points for a `.bytes` file (needs `dim`) and for metadata TSV (a
 * first line holding a tab is a header), and non-blank lines for any other
 * file.
 */
export async function summarizeFile(
  path: string,
  options: SummarizeOptions = {},
): Promise<FileSummary> {
  const name = basename(path);
  const hash = createHash("sha256");
  const lines = new LineCounter();
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    lines.add(buffer);
  }
  const rows = name.endsWith(".bytes")
    ? options.dim
      ? Math.floor(bytes / (4 * options.dim))
      : 0
    : lines.rows(name.startsWith("metadata"));
  return { file: name, bytes, rows, sha256: hash.digest("hex") };
}

/** Counts non-blank lines of a text file fed in chunks. */
class LineCounter {
  private count = 0;
  private lineHasText = false;
  private lineHasTab = false;
  private firstLineHasTab = false;

  add(buffer: Buffer): void {
    // Buffer#indexOf finds line ends natively. Within a line, only the
    // bytes up to its first visible one are read. The first counted line is
    // read whole, because a tab in it marks a header.
    for (let start = 0; start < buffer.length;) {
      const end = buffer.indexOf(0x0a, start);
      this.scan(buffer, start, end < 0 ? buffer.length : end);
      if (end < 0) break;
      this.endLine();
      start = end + 1;
    }
  }

  private scan(buffer: Buffer, from: number, to: number): void {
    if (this.count > 0) {
      if (this.lineHasText) return;
      for (let i = from; i < to; i++) {
        if (buffer[i]! > 0x20) {
          this.lineHasText = true;
          return;
        }
      }
      return;
    }
    for (let i = from; i < to; i++) {
      const byte = buffer[i]!;
      if (byte > 0x20) this.lineHasText = true;
      else if (byte === 0x09) this.lineHasTab = true;
    }
  }

  rows(headerWhenTab: boolean): number {
    this.endLine();
    const header = headerWhenTab && this.firstLineHasTab ? 1 : 0;
    return Math.max(0, this.count - header);
  }

  private endLine(): void {
    if (this.lineHasText) {
      if (this.count === 0) this.firstLineHasTab = this.lineHasTab;
      this.count++;
    }
    this.lineHasText = false;
    this.lineHasTab = false;
  }
}
