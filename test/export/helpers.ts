import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { expect } from "vitest";

import { exportEmbeddings } from "../../src/export/index.js";
import { verifyRun } from "../../src/projector/index.js";
import type { ExportOptions, ExportResult } from "../../src/export/index.js";
import { makeTempDir } from "../helpers/temp.js";

/** What an export wrote, read back. */
export interface ExportedRun {
  result: ExportResult;
  dir: string;
  /** Metadata lines, header included when there is one. */
  metadata: string[];
  /** Vector rows parsed from vectors.tsv or vectors.bytes. */
  vectors: number[][];
  warnings: string[];
}

/** Writes `content` to `name` in a fresh temp dir and returns the path. */
export async function writeInput(
  name: string,
  content: string | Uint8Array,
  options: { gzip?: boolean } = {},
): Promise<string> {
  const dir = await makeTempDir("textdream-export-in-");
  const path = join(dir, name);
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  await writeFile(path, options.gzip ? gzipSync(bytes) : bytes);
  return path;
}

/**
 * Exports `input` into a fresh temp dir, checks the run with verifyRun the
 * way the projector reads it, and reads the run back.
 */
export async function exportAndRead(
  input: string,
  options: ExportOptions = {},
): Promise<ExportedRun> {
  const dir = join(await makeTempDir("textdream-export-out-"), "run");
  const warnings: string[] = [];
  const result = await exportEmbeddings(input, dir, {
    ...options,
    logger: { debug() {}, info() {}, warn: (m) => warnings.push(m) },
  });
  const verified = await verifyRun(dir);
  expect(verified.problems).toEqual([]);
  expect(verified.ok).toBe(true);
  expect(verified.points).toBe(result.rows);
  expect(verified.dim).toBe(result.dim);
  const metadata = (await readFile(join(dir, "metadata.tsv"), "utf8"))
    .split("\n")
    .slice(0, -1);
  const vectors =
    options.format === "bytes"
      ? await readBytes(join(dir, "vectors.bytes"), result.dim)
      : await readTsv(join(dir, "vectors.tsv"));
  return { result, dir, metadata, vectors, warnings };
}

async function readTsv(path: string): Promise<number[][]> {
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .slice(0, -1)
    .map((line) => line.split("\t").map(Number));
}

async function readBytes(path: string, dim: number): Promise<number[][]> {
  const bytes = await readFile(path);
  const values = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  const rows: number[][] = [];
  for (let i = 0; i < values.length; i += dim) {
    rows.push(Array.from(values.subarray(i, i + dim)));
  }
  return rows;
}

/** Encodes word2vec binary: header, then word, space, float32 LE values. */
export function word2vecBinary(
  entries: Array<[string | Uint8Array, number[]]>,
  options: { newline?: boolean; header?: string } = {},
): Buffer {
  const dim = entries[0]?.[1].length ?? 0;
  const parts: Buffer[] = [
    Buffer.from(options.header ?? `${entries.length} ${dim}\n`),
  ];
  for (const [word, values] of entries) {
    parts.push(Buffer.from(typeof word === "string" ? word : word));
    parts.push(Buffer.from(" "));
    parts.push(Buffer.from(new Float32Array(values).buffer));
    if (options.newline ?? true) parts.push(Buffer.from("\n"));
  }
  return Buffer.concat(parts);
}

/** Encodes a .npy file (format 1.0) with the given header fields. */
export function npyFile(
  descr: string,
  shape: number[],
  data: Uint8Array,
  fortran = false,
): Buffer {
  const shapeText =
    shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, "latin1"), data]);
}

/** Rounds each value to float32. */
export function f32(values: number[]): number[] {
  return Array.from(new Float32Array(values));
}
