import { extname } from "node:path";

import { isNpy } from "./npy-reader.js";
import type { InputSource } from "./source.js";
import { splitFields } from "./text-reader.js";
import type { InputFormat } from "./types.js";

const HEADER = /^\s*(\d+)[ \t]+(\d+)\s*$/;
const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Detects the format of an input from its first bytes, then its extension
 * (without `.gz`): `.npy` magic bytes; JSON starting with `[` or `{`; a
 * `<count> <dim>` header followed by text (word2vec text) or by raw bytes
 * (word2vec binary); otherwise GloVe text.
 */
export function detectFormat(source: InputSource): InputFormat {
  const head = source.head;
  const ext = extname(source.path.replace(/\.gz$/i, "")).toLowerCase();
  if (isNpy(head) || ext === ".npy") return "npy";
  const firstChar = head.toString("latin1", 0, 256).trimStart()[0];
  if (ext === ".json" || firstChar === "[" || firstChar === "{") return "json";
  // Blank lines before the first line with text are skipped, as the text
  // reader skips them.
  const start = head.findIndex((byte) => byte > 0x20);
  const newline = head.indexOf(10, Math.max(0, start));
  const firstLine = head.toString(
    "latin1",
    Math.max(0, start),
    newline < 0 ? Math.max(0, start) + 256 : newline,
  );
  const header = HEADER.exec(firstLine);
  if (!header) return ext === ".bin" ? "word2vec-binary" : "glove";
  const dim = Number(header[2]);
  return looksLikeTextRow(head.subarray(newline + 1), dim)
    ? "word2vec-text"
    : "word2vec-binary";
}

function looksLikeTextRow(bytes: Buffer, dim: number): boolean {
  if (bytes.toString("latin1").trim() === "") return true;
  const end = bytes.indexOf(10);
  if (end < 0 && bytes.length >= 64 * 1024) return false;
  let line: string;
  try {
    line = FATAL_UTF8.decode(bytes.subarray(0, end < 0 ? bytes.length : end));
  } catch {
    return false;
  }
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(line)) return false;
  // A text row of the wrong width is still text: the reader then names it.
  const fields = splitFields(line.replace(/\r$/, ""));
  if (fields.length < 2) return false;
  const numbers = fields.slice(-Math.min(dim, fields.length - 1));
  return numbers.every((field) => !Number.isNaN(Number(field)));
}
