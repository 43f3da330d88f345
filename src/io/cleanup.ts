import { rmSync } from "node:fs";
import { constants } from "node:os";

/** Paths to delete if the process is stopped by a signal. */
const pending = new Set<string>();
let installed = false;

/**
 * Marks `path` (a temporary file or a staging directory) for deletion when
 * a signal stops the process, once {@link removeTemporaryOnSignal} has
 * been installed.
 */
export function markTemporary(path: string): void {
  pending.add(path);
}

/** Unmarks `path` once it has been renamed into place or removed. */
export function unmarkTemporary(path: string): void {
  pending.delete(path);
}

function removePending(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
}

/**
 * Installs handlers for SIGINT, SIGTERM and SIGHUP that delete every
 * marked temporary path, so an interrupted command leaves no half-written
 * file behind. Then the process exits with 128 + the signal number, unless
 * another handler (such as `serve`'s) takes care of stopping. A handler
 * runs only when the main thread is free, so the process stops after its
 * current piece of work: a unit of dreaming, a few layout epochs, a block
 * of an export. For command entry points only, because a library should
 * not take over a host's signals.
 */
export function removeTemporaryOnSignal(): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      // File operations queued before the signal may still create a path
      // after its first removal, so remove twice with a pause between.
      removePending();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      removePending();
      // Exit at once: pending work would otherwise go on and could write
      // into a directory just deleted.
      if (process.listenerCount(signal) === 0) {
        process.exit(128 + constants.signals[signal]);
      }
    });
  }
}
