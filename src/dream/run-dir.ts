import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

import { UsageError } from "../errors.js";
import { markTemporary, unmarkTemporary } from "../io/cleanup.js";

/** Maximum length of the slug a default run name takes from the sentence. */
const SLUG_MAX_LENGTH = 40;

/**
 * Turns `text` into a lowercase ASCII slug of letters, digits and single
 * hyphens, at most 40 characters, or `run` when nothing is left.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, "");
  return slug === "" ? "run" : slug;
}

/**
 * Resolves the run directory: `out` when given, else
 * `output/<slug of the first sentence>-<shortHash>` under `cwd`. An `out`
 * with a `..` segment is rejected, so a run is always written where its
 * path plainly points.
 */
export function resolveRunDir(
  out: string | undefined,
  cwd: string,
  firstText: string,
  shortHash: string,
): string {
  if (out === undefined) {
    return join(cwd, "output", `${slugify(firstText)}-${shortHash}`);
  }
  if (out.trim() === "") {
    throw new UsageError(`invalid --out "": give a directory path`);
  }
  const segments = out.split(/[\\/]+/);
  if (segments.includes("..")) {
    throw new UsageError(
      `invalid --out "${out}": it contains a ".." segment; give a path without ".." (an absolute path is fine)`,
    );
  }
  const dir = isAbsolute(out) ? resolve(out) : resolve(cwd, out);
  if (dir === resolve(cwd) || dir === resolve(dirname(dir))) {
    throw new UsageError(
      `invalid --out "${out}": a run needs its own directory, not the working directory or a filesystem root`,
    );
  }
  return dir;
}

/**
 * Checks that `dir` can receive a run: it must not exist, be empty, or
 * `force` must be set. Returns a fresh staging directory beside it, which
 * {@link commitRunDir} later renames into place.
 */
export async function prepareRunDir(
  dir: string,
  force: boolean,
): Promise<string> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new UsageError(
      `run directory "${dir}" exists and is not a directory; choose another --out`,
      "ALREADY_EXISTS",
    );
  }
  const entries = existing ? await readdir(dir) : [];
  if (entries.length > 0 && !force) {
    throw new UsageError(
      `run directory "${dir}" already exists; pass --force to replace it or choose another --out`,
      "ALREADY_EXISTS",
    );
  }
  if (entries.length > 0 && !(await isTextdreamRun(dir))) {
    throw new UsageError(
      `run directory "${dir}" is not empty and contains no textdream manifest.json, so --force will not replace it; choose another --out`,
      "ALREADY_EXISTS",
    );
  }
  await mkdir(dirname(dir), { recursive: true });
  await removeAbandonedStaging(dir);
  const staging = join(
    dirname(dir),
    `.${basename(dir)}.staging-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  // Marked first: a signal may arrive before mkdir's callback runs.
  markTemporary(staging);
  await mkdir(staging);
  return staging;
}

/**
 * Tells whether `dir` contains a run written by textdream: its manifest.json
 * names the tool. `--force` replaces only such directories, so a mistyped
 * `--out` can never delete a home or project directory.
 */
async function isTextdreamRun(dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(
      await readFile(join(dir, "manifest.json"), "utf8"),
    ) as { tool?: { name?: unknown } };
    return manifest.tool?.name === "textdream";
  } catch {
    // A missing or unreadable manifest means the directory is not a run.
    return false;
  }
}

/**
 * Removes staging directories beside `dir` left by runs that were killed
 * (Ctrl-C, out of memory): those whose process id no longer runs.
 */
async function removeAbandonedStaging(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}.staging-`;
  for (const entry of await readdir(dirname(dir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split("-")[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid)) {
      await rm(join(dirname(dir), entry), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Moves a finished staging directory to `dir`, replacing an existing run
 * only after the new one is complete.
 */
export async function commitRunDir(staging: string, dir: string) {
  const existing = await stat(dir).catch(() => undefined);
  if (!existing) {
    await rename(staging, dir);
    unmarkTemporary(staging);
    return;
  }
  const retired = `${staging}.old`;
  await rename(dir, retired);
  await rename(staging, dir);
  unmarkTemporary(staging);
  await rm(retired, { recursive: true, force: true });
}

/** Deletes a staging directory after a failure. */
export async function discardRunDir(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  unmarkTemporary(staging);
}
