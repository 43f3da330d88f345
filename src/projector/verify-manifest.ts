import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import { summarizeFile } from "./file-summary.js";
import { RUN_FILES } from "./run-files.js";
import type { VerifyProblem } from "./verify-types.js";

const FILE = RUN_FILES.manifest;

interface ManifestEntry {
  file?: unknown;
  bytes?: unknown;
  rows?: unknown;
  sha256?: unknown;
}

/**
 * Checks `manifest.json` in `dir`, when there is one: each listed file
 * exists and has the recorded size and sha256. `dimOf` gives the vector
 * width for `.bytes` row counts.
 */
export async function checkManifest(
  dir: string,
  dimOf: (file: string) => number,
): Promise<VerifyProblem[]> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), "utf8");
  } catch {
    return [];
  }
  let files: ManifestEntry[];
  try {
    files = (JSON.parse(text) as { files?: ManifestEntry[] }).files ?? [];
    if (!Array.isArray(files)) throw new Error("files is not an array");
  } catch (error) {
    return [
      {
        file: FILE,
        line: 1,
        message: `is not a valid manifest (${(error as Error).message}). Write the run again.`,
      },
    ];
  }
  const problems: VerifyProblem[] = [];
  for (const entry of files) {
    const name = String(entry.file);
    const line = lineOf(text, `"file": ${JSON.stringify(name)}`);
    const message = await entryProblem(dir, name, entry, dimOf(name));
    if (message) problems.push({ file: FILE, line, message });
  }
  return problems;
}

async function entryProblem(
  dir: string,
  name: string,
  entry: ManifestEntry,
  dim: number,
): Promise<string | undefined> {
  const path = join(dir, name);
  if (!(await stat(path).catch(() => undefined))?.isFile()) {
    return `lists "${name}", which is not in the run. Restore the file or write the run again.`;
  }
  const actual = await summarizeFile(path, { dim });
  if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
    return `records "${name}" with ${String(entry.bytes)} bytes and sha256 ${String(entry.sha256)}; the file has ${actual.bytes} bytes and sha256 ${actual.sha256}, so it changed after the run was written. Write the run again.`;
  }
  // Rows are points only in vector and metadata files; other writers may
  // count their own units, so only those two are compared.
  const pointFile = name.endsWith(".tsv") || name.endsWith(".bytes");
  if (pointFile && actual.rows !== entry.rows) {
    return `records "${name}" with ${String(entry.rows)} rows; the file has ${actual.rows}. Write the run again.`;
  }
  return undefined;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
