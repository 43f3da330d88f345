import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseString } from "fast-csv";

import { UsageError } from "../errors.js";

/** A table of labels or metadata: column names and rows of cells. */
export interface LabelTable {
  /** Column names; one unnamed column is called `label`. */
  columns: string[];
  rows: string[][];
}

/**
 * Reads a labels or metadata file. In a `.csv` or `.tsv` file, a first row
 * of two or more columns is a header naming them. Any other file contains
 * one label per line.
 */
export async function readLabelTable(path: string): Promise<LabelTable> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return tableFromRows(await parseCsv(text, path));
  if (ext === ".tsv") return tableFromRows(splitLines(text).map(splitTabs));
  return { columns: ["label"], rows: splitLines(text).map((line) => [line]) };
}

/** Reads a word list: one word per line, blank lines ignored. */
export async function readWordList(path: string): Promise<string[]> {
  const words = splitLines(await readText(path)).filter((w) => w !== "");
  if (words.length === 0) {
    throw new UsageError(
      `Reading the word list "${path}" failed: it contains no words. Pass a file with one word per line.`,
    );
  }
  return [...new Set(words)];
}

function tableFromRows(rows: string[][]): LabelTable {
  const width = rows[0]?.length ?? 1;
  if (width < 2) {
    return { columns: ["label"], rows: rows.map((row) => [row[0] ?? ""]) };
  }
  const columns = rows[0]!;
  return {
    columns,
    rows: rows.slice(1).map((row) => columns.map((_, i) => row[i] ?? "")),
  };
}

function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function splitTabs(line: string): string[] {
  return line.split("\t");
}

async function parseCsv(text: string, path: string): Promise<string[][]> {
  const rows: string[][] = [];
  try {
    for await (const row of parseString(text, { headers: false })) {
      rows.push(row as string[]);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Reading the CSV file "${path}" failed: ${detail}. Fix the quoting or pass a TSV file.`,
      "INVALID_INPUT",
      { cause: error },
    );
  }
  return rows;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `Reading "${path}" failed: the file does not exist or cannot be read. Check the path.`,
      "NOT_FOUND",
      { cause: error },
    );
  }
}
