import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

import { markTemporary, unmarkTemporary } from "./cleanup.js";

/**
 * Writes `data` to `path` atomically: the bytes go to a temporary file in the
 * same directory, are flushed to disk, and the file is renamed over `path`.
 * A reader never sees a half-written file, and a crash leaves the old file.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  markTemporary(temporary);
  try {
    const handle = await open(temporary, "w");
    try {
      // Consecutive writeFile calls on one handle append, so parts need
      // not be joined into one buffer first.
      const parts =
        typeof data === "string" || !Array.isArray(data) ? [data] : data;
      for (const part of parts) await handle.writeFile(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    unmarkTemporary(temporary);
  }
}

/**
 * Returns a unique temporary path beside `path`, for writers that stream
 * into a file and rename it when done.
 */
export function temporaryPathFor(path: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

/** Writes `value` as pretty JSON with a final newline, atomically. */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes `data` to `path` directly; for tests that build broken files. */
export async function writeFilePlain(
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}
