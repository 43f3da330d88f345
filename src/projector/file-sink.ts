import { createHash, type Hash } from "node:crypto";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";

import { temporaryPathFor } from "../io/atomic.js";
import { markTemporary, unmarkTemporary } from "../io/cleanup.js";
import type { FileSummary } from "./file-summary.js";

/**
 * Streams bytes into a temporary file beside `path`, hashing them on the
 * way, and renames it over `path` on {@link FileSink.commit}: a reader never
 * sees a half-written file. One write may be in flight while the caller
 * fills its next buffer, so a buffer handed to {@link FileSink.write} must
 * stay untouched until the following `write` or `commit` resolves.
 */
export class FileSink {
  private pending: Promise<unknown> = Promise.resolve();
  private bytes = 0;
  private readonly hash: Hash = createHash("sha256");
  private constructor(
    readonly path: string,
    private readonly temporary: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens a sink for `path`, creating its directory. */
  static async open(path: string): Promise<FileSink> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = temporaryPathFor(path);
    markTemporary(temporary);
    return new FileSink(path, temporary, await open(temporary, "w"));
  }

  /** Queues `data` after the previous write, which it waits for. */
  async write(data: Uint8Array): Promise<void> {
    await this.pending;
    if (data.length === 0) return;
    this.hash.update(data);
    this.bytes += data.length;
    this.pending = writeAll(this.handle, data);
  }

  /** Flushes, syncs and renames the file into place; returns its summary. */
  async commit(rows: number): Promise<FileSummary> {
    await this.pending;
    await this.handle.sync();
    await this.handle.close();
    await rename(this.temporary, this.path);
    unmarkTemporary(this.temporary);
    return {
      file: basename(this.path),
      bytes: this.bytes,
      rows,
      sha256: this.hash.digest("hex"),
    };
  }

  /** Closes and deletes the temporary file; the target stays untouched. */
  async abort(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await rm(this.temporary, { force: true });
    unmarkTemporary(this.temporary);
  }
}

async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset);
    offset += bytesWritten;
  }
}
