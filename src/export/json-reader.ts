import { StringDecoder } from "node:string_decoder";

import { FileFormatError } from "../errors.js";
import type { RowCollector } from "./collector.js";
import { JsonScanner } from "./json-scanner.js";
import { parsePlainDecimal } from "./parse-number.js";
import type { JsonRow } from "./json-scanner.js";
import type { InputSource } from "./source.js";
import type { RowChunk } from "./types.js";

/** A JSON vectors file opened far enough to know its first row. */
export interface JsonLayout {
  dim: number;
  /** True when rows are named by object keys, false for an array of rows. */
  keyed: boolean;
  /** Values per stored row: `dim` plus the wink norm and index fields. */
  storedWidth: number;
  scanner: JsonScanner;
  rest: AsyncGenerator<Buffer>;
  decoder: StringDecoder;
}

/**
 * Scans a JSON file up to its first vector to learn the dimension. In the
 * wink format, `dimensions` gives it and the `l2NormIndex` and `wordIndex`
 * fields after the vector are dropped.
 */
export async function readJsonLayout(source: InputSource): Promise<JsonLayout> {
  const scanner = new JsonScanner(source.path);
  const decoder = new StringDecoder("utf8");
  const rest = source.chunks();
  while (scanner.pending.length === 0) {
    const next = await rest.next();
    if (next.done) {
      scanner.feed(decoder.end(), true);
      break;
    }
    scanner.feed(decoder.write(next.value));
  }
  const first = scanner.pending[0];
  if (!first) {
    throw new FileFormatError(
      `Reading "${source.path}" as JSON failed: it contains no vectors. Pass an array of number arrays or an object mapping words to number arrays.`,
    );
  }
  const { dimensions } = scanner.meta;
  const dim =
    dimensions !== undefined && dimensions > 0
      ? dimensions
      : countValues(first.text);
  if (dim < 1) {
    throw new FileFormatError(
      `Reading "${source.path}" as JSON failed: the first vector (character ${first.at}) is empty. Pass vectors with at least one value.`,
    );
  }
  const extra = ["l2NormIndex", "wordIndex"].filter(
    (name) => (scanner.meta[name] ?? -1) >= dim,
  ).length;
  return {
    dim,
    keyed: first.key !== null,
    storedWidth: dim + extra,
    scanner,
    rest,
    decoder,
  };
}

/** Yields the rows of a JSON file opened with {@link readJsonLayout}. */
export async function* readJsonRows(
  source: InputSource,
  layout: JsonLayout,
  collector: RowCollector,
  labelOf: (row: number) => string,
): AsyncGenerator<RowChunk> {
  const { scanner, rest, decoder } = layout;
  let row = 0;
  let at = 0;
  const where = () => `row ${row} (character ${at}) of "${source.path}"`;
  try {
    for (;;) {
      for (const entry of scanner.pending) {
        at = entry.at;
        readRow(entry, labelOf(row), layout, collector, where);
        row += 1;
        if (collector.full) yield collector.take();
        if (collector.done) break;
      }
      scanner.pending = [];
      if (collector.done) break;
      const next = await rest.next();
      if (next.done) {
        scanner.feed(decoder.end(), true);
        if (scanner.pending.length === 0) break;
      } else {
        scanner.feed(decoder.write(next.value));
      }
    }
  } finally {
    await rest.return(undefined);
  }
  yield* collector.finish();
}

function readRow(
  entry: JsonRow,
  label: string,
  layout: JsonLayout,
  collector: RowCollector,
  where: () => string,
): void {
  const { dim, storedWidth } = layout;
  const count = countValues(entry.text);
  if (count !== storedWidth) {
    collector.badRow(
      `Reading ${where()} failed: expected ${storedWidth} values, found ${count}`,
    );
    return;
  }
  const offset = collector.begin(entry.key ?? label);
  if (offset < 0) return;
  const { matrix } = collector;
  const { text } = entry;
  let position = 0;
  for (let k = 0; k < dim; k++) {
    let comma = text.indexOf(",", position);
    if (comma < 0) comma = text.length;
    let start = position;
    let end = comma;
    while (start < end && isSpace(text.charCodeAt(start))) start += 1;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
    let value = parsePlainDecimal(text, start, end);
    if (value !== value) value = parseToken(text.slice(start, end), k, where);
    matrix[offset + k] = value;
    position = comma + 1;
  }
  collector.commit(where);
}

/** Parses a JSON number the fast path left, or NaN and Infinity. */
function parseToken(token: string, k: number, where: () => string): number {
  const value = Number(token);
  if (token === "NaN" || (token !== "" && !Number.isNaN(value))) return value;
  throw new FileFormatError(
    `Reading ${where()} failed: value ${k + 1} is "${token}", not a number. Fix the row.`,
  );
}

/** Counts the comma-separated values of an array's text; 0 when blank. */
export function countValues(text: string): number {
  let blank = true;
  for (let i = 0; i < text.length && blank; i++) {
    blank = isSpace(text.charCodeAt(i));
  }
  if (blank) return 0;
  let count = 1;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) {
    count += 1;
  }
  return count;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
