import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";

import { FileFormatError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";

/** Bumped whenever the cache layout changes, so old caches are rebuilt. */
export const CACHE_FORMAT_VERSION = 2;

const MAGIC = "TXDVOCAB";
const BYTE_ORDER_MARK = 0x01020304;
/** Header bytes before the float32 matrix; a multiple of 4. */
export const CACHE_HEADER_BYTES = 64;
const FINGERPRINT_OFFSET = 28;
const NON_ASCII_COUNT_OFFSET = 60;
const EDGE_BYTES = 1 << 20;

/** Contents of a vocabulary cache, before slicing to a vocabulary size. */
export interface CacheContents {
  rows: number;
  dim: number;
  /** The matrix as a view over the file's bytes. */
  matrix: Float32Array;
  /** UTF-8 words separated by "\n", in row order. */
  wordBytes: Buffer;
  /** Rows whose word has a non-ASCII character, ascending. */
  nonAscii: Uint32Array;
}

/**
 * Fingerprints a source file from its size, its modification time and a
 * SHA-256 of its first and last MiB, so a check costs milliseconds instead
 * of hashing all 307 MB; any reinstall or edit of the package changes it.
 */
export async function fingerprintSource(path: string): Promise<Buffer> {
  const info = await stat(path);
  const hash = createHash("sha256");
  hash.update(`${info.size}:${info.mtimeMs}:`);
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(Math.min(EDGE_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(EDGE_BYTES, info.size));
    await handle.read(tail, 0, tail.length, info.size - tail.length);
    hash.update(head).update(tail);
  } finally {
    await handle.close();
  }
  return hash.digest();
}

/**
 * Checks a cache file's bytes against the expected source fingerprint and
 * returns its contents, or a short phrase saying what is wrong with it
 * ("truncated", "stale", ...), for a one-line warning.
 */
export function readCache(
  bytes: Buffer,
  fingerprint: Buffer,
): CacheContents | string {
  if (bytes.length < CACHE_HEADER_BYTES)
    return `truncated (${bytes.length} bytes)`;
  if (bytes.toString("latin1", 0, 8) !== MAGIC)
    return "not a textdream vocabulary cache";
  const version = bytes.readUInt32LE(8);
  if (version !== CACHE_FORMAT_VERSION) {
    return `format version ${version}, not ${CACHE_FORMAT_VERSION}`;
  }
  if (
    new Uint32Array(
      bytes.buffer.slice(bytes.byteOffset + 12, bytes.byteOffset + 16),
    )[0] !== BYTE_ORDER_MARK
  ) {
    return "written on a machine with another byte order";
  }
  const rows = bytes.readUInt32LE(16);
  const dim = bytes.readUInt32LE(20);
  const wordLength = bytes.readUInt32LE(24);
  const nonAsciiCount = bytes.readUInt32LE(NON_ASCII_COUNT_OFFSET);
  const wordStart = CACHE_HEADER_BYTES + rows * dim * 4;
  const expected = wordStart + wordLength + nonAsciiCount * 4;
  if (bytes.length !== expected) {
    return `${bytes.length < expected ? "truncated" : "overlong"} (${bytes.length} bytes, expected ${expected})`;
  }
  if (
    !bytes
      .subarray(FINGERPRINT_OFFSET, FINGERPRINT_OFFSET + 32)
      .equals(fingerprint)
  ) {
    return "stale (built from another copy of the word vectors)";
  }
  const start = bytes.byteOffset + CACHE_HEADER_BYTES;
  const matrix =
    start % 4 === 0
      ? new Float32Array(bytes.buffer, start, rows * dim)
      : new Float32Array(bytes.buffer.slice(start, start + rows * dim * 4));
  const wordBytes = bytes.subarray(wordStart, wordStart + wordLength);
  const nonAscii = new Uint32Array(nonAsciiCount);
  for (let i = 0; i < nonAsciiCount; i++) {
    nonAscii[i] = bytes.readUInt32LE(wordStart + wordLength + i * 4);
  }
  return { rows, dim, matrix, wordBytes, nonAscii };
}

/**
 * Returns the rows of the words with a non-ASCII character as little-endian
 * uint32 bytes. Loading decodes the word list as Latin-1, which splits
 * twice as fast as UTF-8, and then re-decodes only these rows.
 */
function nonAsciiRows(words: readonly string[]): Buffer {
  const rows: number[] = [];
  words.forEach((word, row) => {
    if (/[^\x00-\x7f]/.test(word)) rows.push(row);
  });
  const bytes = Buffer.alloc(rows.length * 4);
  rows.forEach((row, i) => bytes.writeUInt32LE(row, i * 4));
  return bytes;
}

/**
 * Writes a cache file atomically: header, float32 matrix in this machine's
 * byte order, the words as UTF-8 separated by "\n", then the rows of the
 * non-ASCII words as uint32.
 */
export async function writeCache(
  path: string,
  words: readonly string[],
  matrix: Float32Array,
  dim: number,
  fingerprint: Buffer,
): Promise<void> {
  const badWord = words.find((word) => word.includes("\n"));
  if (badWord !== undefined) {
    throw new FileFormatError(
      `write vocabulary cache: the word ${JSON.stringify(badWord)} contains a line break, which the cache uses as its separator; remove it from the word list.`,
    );
  }
  const wordBytes = Buffer.from(words.join("\n"), "utf8");
  const nonAscii = nonAsciiRows(words);
  const header = Buffer.alloc(CACHE_HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(CACHE_FORMAT_VERSION, 8);
  new Uint32Array(header.buffer, header.byteOffset + 12, 1)[0] =
    BYTE_ORDER_MARK;
  header.writeUInt32LE(words.length, 16);
  header.writeUInt32LE(dim, 20);
  header.writeUInt32LE(wordBytes.length, 24);
  fingerprint.copy(header, FINGERPRINT_OFFSET);
  header.writeUInt32LE(nonAscii.length / 4, NON_ASCII_COUNT_OFFSET);
  const body = Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength);
  await writeFileAtomic(path, [header, body, wordBytes, nonAscii]);
}
