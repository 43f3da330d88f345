import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";

import { FileFormatError, UsageError } from "../errors.js";

/** Bytes read from the start of the input to detect its format. */
const HEAD_BYTES = 64 * 1024;
/** Size of each read from disk, in bytes. */
const READ_BYTES = 1024 * 1024;

/**
 * An opened input file: its decompressed bytes as a stream of chunks, the
 * first of which were already read into `head` for format detection.
 */
export interface InputSource {
  /** Path of the file as given. */
  path: string;
  /** Size of the file on disk, in bytes (compressed size for gzip). */
  bytesTotal: number;
  /** True when the file is gzip-compressed. */
  gzip: boolean;
  /** At least the first 64 KiB of decompressed content (less if shorter). */
  head: Buffer;
  /** Returns how many bytes of the file on disk were read so far. */
  bytesRead(): number;
  /**
   * Yields every decompressed byte once, `head` included; iterate once. A
   * chunk stays valid until the next one is requested.
   */
  chunks(): AsyncGenerator<Buffer>;
  /** Releases the file; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Opens `path` for streaming, decompressing gzip when the file starts with
 * the gzip magic bytes (1f 8b), whatever its extension.
 */
export async function openInput(path: string): Promise<InputSource> {
  const size = await fileSize(path);
  return (await startsWithGzipMagic(path))
    ? openGzip(path, size)
    : openPlain(path, size);
}

/**
 * Reads a plain file with positional reads into two reused buffers, so no
 * memory is allocated per chunk. A chunk stays valid until the next one.
 */
async function openPlain(path: string, size: number): Promise<InputSource> {
  const handle = await open(path, "r");
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  const { bytesRead: headLength } = await handle.read(head, 0, head.length, 0);
  let position = headLength;
  const start = bomLength(head);
  async function* chunks(): AsyncGenerator<Buffer> {
    const buffers = [
      Buffer.allocUnsafe(READ_BYTES),
      Buffer.allocUnsafe(READ_BYTES),
    ];
    try {
      if (headLength > start) yield head.subarray(start, headLength);
      for (let turn = 0; ; turn ^= 1) {
        const buffer = buffers[turn]!;
        const { bytesRead } = await handle.read(
          buffer,
          0,
          READ_BYTES,
          position,
        );
        if (bytesRead === 0) return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await close();
    }
  }
  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await handle.close();
  }
  return {
    path,
    bytesTotal: size,
    gzip: false,
    head: head.subarray(start, headLength),
    bytesRead: () => position,
    chunks,
    close,
  };
}

async function openGzip(path: string, size: number): Promise<InputSource> {
  let bytesRead = 0;
  const raw = createReadStream(path, { highWaterMark: READ_BYTES });
  raw.on("data", (chunk) => (bytesRead += chunk.length));
  const stream = pipeline(
    raw,
    createGunzip({ chunkSize: READ_BYTES }),
    () => {},
  );
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const headParts: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_BYTES) {
    const next = await readNext(iterator, path);
    if (next.done) {
      ended = true;
      break;
    }
    headParts.push(next.value);
    headLength += next.value.length;
  }
  const whole = Buffer.concat(headParts);
  const head = whole.subarray(bomLength(whole));
  return {
    path,
    bytesTotal: size,
    gzip: true,
    head,
    bytesRead: () => bytesRead,
    chunks: () => remainingChunks(head, iterator, ended, path, raw),
    close: async () => {
      raw.destroy();
    },
  };
}

async function* remainingChunks(
  head: Buffer,
  iterator: AsyncIterator<Buffer>,
  ended: boolean,
  path: string,
  raw: NodeJS.ReadableStream & { destroy(): void },
): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const next = await readNext(iterator, path);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    raw.destroy();
    await iterator.return?.();
  }
}

async function readNext(
  iterator: AsyncIterator<Buffer>,
  path: string,
): Promise<IteratorResult<Buffer>> {
  try {
    return await iterator.next();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileFormatError(
      `Reading "${path}" failed: ${detail}. Check that the file is complete (a gzip file may be truncated) and readable.`,
      { cause: error },
    );
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new UsageError(
        `Reading embeddings from "${path}" failed: it is not a file. Pass a vectors file.`,
      );
    }
    return info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `Reading embeddings from "${path}" failed: the file does not exist or cannot be read. Check the path.`,
      "NOT_FOUND",
      { cause: error },
    );
  }
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Returns 3 when `head` starts with a UTF-8 byte-order mark, else 0. */
function bomLength(head: Buffer): number {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}
