import { FileFormatError } from "../errors.js";
import { ByteCarry } from "./byte-carry.js";
import type { RowCollector } from "./collector.js";
import type { InputSource } from "./source.js";
import type { RowChunk } from "./types.js";

const SPACE = 0x20;
const NEWLINE = 0x0a;
const HEADER = /^\s*(\d+)[ \t]+(\d+)\s*$/;

/** The header line of a word2vec binary file. */
export interface BinaryLayout {
  /** Values per row. */
  dim: number;
  /** Row count the header announces. */
  headerRows: number;
  /** Byte offset of the first record, just after the header line. */
  dataStart: number;
}

/** Reads the `<count> <dim>` header line of a word2vec binary file. */
export function readBinaryLayout(source: InputSource): BinaryLayout {
  const end = source.head.indexOf(NEWLINE);
  const line = source.head.toString("latin1", 0, end < 0 ? 80 : end);
  const header = HEADER.exec(line);
  if (end < 0 || !header || Number(header[2]) < 1) {
    throw new FileFormatError(
      `Reading "${source.path}" as word2vec binary failed: line 1 is "${line.slice(0, 40)}"; expected "<count> <dim>" with dim >= 1. Pass a word2vec binary file or choose another --input-format.`,
    );
  }
  return {
    dim: Number(header[2]),
    headerRows: Number(header[1]),
    dataStart: end + 1,
  };
}

/**
 * Yields the rows of a word2vec binary file: per word, its bytes up to a
 * space, then `dim` little-endian float32 values, with or without a newline
 * after each vector. Word bytes that are not UTF-8 are decoded with U+FFFD
 * and counted in the report.
 */
export async function* readBinaryRows(
  source: InputSource,
  layout: BinaryLayout,
  collector: RowCollector,
): AsyncGenerator<RowChunk> {
  const vectorBytes = layout.dim * 4;
  const carry = new ByteCarry();
  let base = 0;
  let skipHeader = layout.dataStart;
  let word = "";
  let wordStart = 0;
  const where = () =>
    `word "${word}" (row ${collector.report.rowsRead}, byte ${wordStart}) of "${source.path}"`;
  for await (const chunk of source.chunks()) {
    let bytes = carry.join(chunk);
    if (skipHeader > 0) {
      const skipped = Math.min(skipHeader, bytes.length);
      bytes = bytes.subarray(skipped);
      base += skipped;
      skipHeader -= skipped;
    }
    let p = 0;
    for (;;) {
      while (p < bytes.length && bytes[p] === NEWLINE) p += 1;
      const space = bytes.indexOf(SPACE, p);
      if (space < 0 || space + 1 + vectorBytes > bytes.length) break;
      wordStart = base + p;
      word = decodeWord(bytes, p, space, collector);
      const offset = collector.begin(word);
      if (offset >= 0) {
        // NOTE: copies the little-endian bytes as they are, so a big-endian
        // host would read swapped values; Node's usual hosts are little-endian.
        const target = collector.matrixBytes;
        bytes.copy(target, offset * 4, space + 1, space + 1 + vectorBytes);
        collector.commit(where);
      }
      p = space + 1 + vectorBytes;
      if (collector.full) yield collector.take();
      if (collector.done) {
        yield* collector.finish();
        return;
      }
    }
    carry.keep(bytes, p);
    base += p;
  }
  checkTail(carry.rest(), base, layout, source.path);
  yield* collector.finish();
}

function decodeWord(
  bytes: Buffer,
  start: number,
  end: number,
  collector: RowCollector,
): string {
  const word = bytes.toString("utf8", start, end);
  if (word.includes("\uFFFD") && !hasReplacementBytes(bytes, start, end)) {
    collector.report.invalidUtf8 += 1;
  }
  return word;
}

function hasReplacementBytes(bytes: Buffer, start: number, end: number) {
  const found = bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd]), start);
  return found >= 0 && found + 3 <= end;
}

function checkTail(
  rest: Buffer,
  base: number,
  layout: BinaryLayout,
  path: string,
): void {
  let p = 0;
  while (p < rest.length && /\s/.test(String.fromCharCode(rest[p]!))) p += 1;
  if (p === rest.length) return;
  const start = base + p;
  const space = rest.indexOf(SPACE, p);
  const fileEnd = base + rest.length;
  if (space < 0) {
    throw new FileFormatError(
      `Reading "${path}" as word2vec binary failed: the file ends at byte ${fileEnd} inside a word starting at byte ${start}. Pass the complete file.`,
    );
  }
  const word = rest.toString("utf8", p, space);
  const needed = base + space + 1 + layout.dim * 4;
  throw new FileFormatError(
    `Reading "${path}" as word2vec binary failed: the vector of word "${word}" at byte ${start} needs ${layout.dim * 4} bytes (${layout.dim} float32), but the file ends at byte ${fileEnd}, ${needed - fileEnd} bytes short. Pass the complete file.`,
  );
}
