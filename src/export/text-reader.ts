import { FileFormatError } from "../errors.js";
import { ByteCarry } from "./byte-carry.js";
import { parsePlainDecimal } from "./parse-number.js";
import type { RowCollector } from "./collector.js";
import type { InputSource } from "./source.js";
import type { RowChunk } from "./types.js";

/** Lines sampled from the head to infer the dimension without a header. */
const SAMPLE_LINES = 100;
const HEADER = /^\s*(\d+)[ \t]+(\d+)\s*$/;
const NONFINITE: Record<string, number> = {
  nan: NaN,
  "-nan": NaN,
  "+nan": NaN,
  inf: Infinity,
  "+inf": Infinity,
  "-inf": -Infinity,
  infinity: Infinity,
  "+infinity": Infinity,
  "-infinity": -Infinity,
};

/** The layout of a text vectors file: its dimension and optional header. */
export interface TextLayout {
  /** Values per row. */
  dim: number;
  /** Row count of the `<count> <dim>` header line, when there is one. */
  headerRows?: number;
}

/**
 * Reads the layout of a GloVe or word2vec text file from its first bytes:
 * a first line of two integers is a header, never a row; without one, the
 * dimension is the width that reads the most of the first lines as rows.
 */
export function readTextLayout(source: InputSource): TextLayout {
  const lines = headLines(source.head).slice(0, SAMPLE_LINES + 1);
  if (lines.length === 0) {
    throw new FileFormatError(
      `Reading "${source.path}" failed: it contains no rows (only blank lines, ${source.head.length} bytes). Pass a file with one vector per line.`,
    );
  }
  const header = HEADER.exec(lines[0]!);
  if (header) {
    const dim = Number(header[2]);
    if (lines.length === 1) {
      throw new FileFormatError(
        `Reading "${source.path}" failed: line 1 is the header "${lines[0]!.trim()}" announcing ${header[1]} rows of dimension ${dim}, but no row follows. Pass the complete file.`,
      );
    }
    if (dim < 1) {
      throw new FileFormatError(
        `Reading "${source.path}" failed: the header on line 1 announces dimension ${dim}; expected at least 1. Fix the header.`,
      );
    }
    return { dim, headerRows: Number(header[1]) };
  }
  return { dim: inferDimension(lines, source.path) };
}

/**
 * Picks the dimension that reads the most sampled lines as rows: a word,
 * then that many numbers. Every width up to the widest line is scored. A
 * word may contain spaces, but not a number after its first part, so
 * "new york 0.1 0.2" reads at width 2 only. On a tie, a width that line 1
 * reads at wins, as a file usually starts well-formed; then the smaller.
 */
function inferDimension(lines: string[], path: string): number {
  const sample = lines.slice(0, SAMPLE_LINES).map(splitFields);
  const widest = Math.max(...sample.map((fields) => fields.length)) - 1;
  if (widest < 1) {
    throw new FileFormatError(
      `Reading "${path}" failed: line 1 has ${sample[0]!.length} field; expected a word followed by at least one number. Pass a GloVe or word2vec text file.`,
    );
  }
  let best = 0;
  let bestScore = -1;
  for (let width = 1; width <= widest; width++) {
    const fits = sample.filter((fields) => fitsWidth(fields, width)).length;
    // Line 1 reading at a width breaks a tie. Otherwise the smaller width
    // wins, because it comes first.
    const score = 2 * fits + (fitsWidth(sample[0]!, width) ? 1 : 0);
    if (score > bestScore) {
      best = width;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Tests whether `fields` read as a word and `width` numbers, where no part
 * of the word after the first is a number.
 */
function fitsWidth(fields: string[], width: number): boolean {
  const wordFields = fields.length - width;
  if (wordFields < 1) return false;
  for (let i = 1; i < fields.length; i++) {
    if (isNumberField(fields[i]!) !== i >= wordFields) return false;
  }
  return true;
}

function isNumberField(text: string): boolean {
  return !Number.isNaN(Number(text)) || text.toLowerCase() in NONFINITE;
}

/** Returns the complete non-blank lines of `head`, without line ends. */
export function headLines(head: Buffer): string[] {
  const end = head.lastIndexOf(10);
  const text = head.toString("utf8", 0, end < 0 ? head.length : end);
  return text
    .split("\n")
    .map(stripLineEnd)
    .filter((line) => line.trim() !== "");
}

/**
 * Yields the rows of a GloVe or word2vec text file as chunks. The word is
 * everything before the last `dim` fields, so it may hold spaces.
 */
export async function* readTextRows(
  source: InputSource,
  layout: TextLayout,
  collector: RowCollector,
): AsyncGenerator<RowChunk> {
  let lineNumber = 0;
  let first = true;
  const where = () => `line ${lineNumber} of "${source.path}"`;
  for await (const batch of lineBatches(source.chunks())) {
    for (const raw of batch) {
      lineNumber += 1;
      const line = stripLineEnd(raw);
      if (line.trim() === "") continue;
      if (first && layout.headerRows !== undefined) {
        first = false;
        continue;
      }
      readRow(line, layout.dim, collector, where);
      if (collector.full) yield collector.take();
      if (collector.done) {
        yield* collector.finish();
        return;
      }
    }
  }
  yield* collector.finish();
}

function readRow(
  line: string,
  dim: number,
  collector: RowCollector,
  where: () => string,
): void {
  const fields = splitFields(line);
  const wordFields = fields.length - dim;
  // NOTE: a word with spaces and a number after its first part, such as
  // "section 2", cannot be told from a row with extra values and is rejected.
  if (wordFields < 1 || anyNumber(fields, 1, wordFields)) {
    collector.badRow(
      `Reading ${where()} failed: expected ${dim + 1} fields (a word and ${dim} numbers), found ${fields.length}`,
    );
    return;
  }
  const word =
    wordFields === 1 ? fields[0]! : fields.slice(0, wordFields).join(" ");
  const offset = collector.begin(word);
  if (offset < 0) return;
  const matrix = collector.matrix;
  for (let k = 0; k < dim; k++) {
    const text = fields[wordFields + k]!;
    let value = parsePlainDecimal(text, 0, text.length);
    if (value !== value) value = Number(text);
    if (value !== value) value = parseSpecial(text, k, where);
    matrix[offset + k] = value;
  }
  collector.commit(where);
}

function parseSpecial(text: string, k: number, where: () => string): number {
  const special = NONFINITE[text.toLowerCase()];
  if (special !== undefined) return special;
  throw new FileFormatError(
    `Reading ${where()} failed: value ${k + 1} is "${text}", not a number. Fix the row.`,
  );
}

/** Tests whether any of fields[from] ... fields[to - 1] is a number. */
function anyNumber(fields: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (isNumberField(fields[i]!)) return true;
  }
  return false;
}

/** Splits a line on runs of spaces and tabs; U+00A0 is not a separator. */
export function splitFields(line: string): string[] {
  const text = line.replace(/[ \t]+$/, "").replace(/^[ \t]+/, "");
  if (text.indexOf("\t") < 0 && text.indexOf("  ") < 0) return text.split(" ");
  return text.split(/[ \t]+/);
}

function stripLineEnd(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** Yields the lines of a byte stream in batches, split on LF bytes. */
export async function* lineBatches(
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<string[]> {
  const carry = new ByteCarry();
  for await (const chunk of chunks) {
    const bytes = carry.join(chunk);
    const end = bytes.lastIndexOf(10);
    const lines = end < 0 ? [] : bytes.toString("utf8", 0, end).split("\n");
    carry.keep(bytes, end + 1);
    if (lines.length > 0) yield lines;
  }
  const rest = carry.rest();
  if (rest.length > 0) yield [rest.toString("utf8")];
}
