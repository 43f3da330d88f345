import { open } from "node:fs/promises";
import { join } from "node:path";

import { readLines } from "./line-reader.js";
import { ProblemList, type VerifyProblem } from "./verify-types.js";

/** Result of reading a vectors file as the projector would. */
export interface VectorsCheck {
  /** Rows the projector would load. */
  rows: number;
  /** Numbers per row, taken from the first row; 0 when there is none. */
  dim: number;
  problems: VerifyProblem[];
}

/**
 * Reads the vectors TSV `name` in `dir` as the projector's parser does:
 * each line trimmed, blank lines skipped, and a first cell that is not a
 * number taken as a label. Reports blank lines, labels, cells that are not
 * finite numbers and rows whose width differs from the first row.
 */
export async function checkVectorsTsv(
  dir: string,
  name: string,
): Promise<VectorsCheck> {
  const list = new ProblemList(name);
  let rows = 0;
  let dim = 0;
  let dimLine = 0;
  let lastLine = 0;
  for await (const { text, number } of readLines(join(dir, name))) {
    lastLine = number;
    const line = text.trim();
    if (line === "") {
      list.add("blank line", number, blankLineMessage("vectors"));
      continue;
    }
    const cells = line.split("\t");
    rows++;
    if (Number.isNaN(Number(cells[0]))) {
      list.add(
        "label cell",
        number,
        `the first cell "${clip(cells[0]!)}" is not a number, so the projector takes it as a label and the row loses a dimension. Write only numbers in a vectors file and put labels in the metadata.`,
      );
    }
    checkCells(cells, number, list);
    if (dim === 0) {
      dim = cells.length;
      dimLine = number;
      if (dim < 2) {
        list.add(
          "one dimension",
          number,
          `the row has ${dim} number; the projector needs at least 2 per row. Write every dimension of the vectors.`,
        );
      }
    } else if (cells.length !== dim) {
      list.add(
        "ragged row",
        number,
        `the row has ${cells.length} cells; expected ${dim}, the width of line ${dimLine}. The projector fails to load the file ("Vector dimensions do not match") or, for one extra cell, takes the first as a label: write every row with the same number of values.`,
      );
    }
  }
  if (rows === 0) {
    list.add(
      "empty",
      1,
      "the file contains no vectors; write one row per point.",
    );
  }
  return { rows, dim, problems: list.finish(lastLine || 1) };
}

function checkCells(cells: string[], line: number, list: ProblemList): void {
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    const value = Number(cell);
    // Number("") is 0, so only a zero needs the blank-cell check.
    if (Number.isFinite(value) && (value !== 0 || cell.trim() !== "")) {
      continue;
    }
    if (c === 0 && Number.isNaN(value)) continue; // Reported as a label.
    list.add(
      "not a number",
      line,
      `cell ${c + 1} is "${clip(cell)}", not a finite number; the projector would read it as ${cell.trim() === "" ? "0" : String(value)}. Write finite numbers only (textdream never writes NaN).`,
    );
  }
}

/**
 * Reads the `.bytes` file `name` in `dir` (little-endian float32, `dim`
 * per row) and reports a length that is not whole rows and any NaN or
 * infinite value, by byte offset.
 */
export async function checkVectorsBytes(
  dir: string,
  name: string,
  dim: number,
): Promise<VectorsCheck> {
  const list = new ProblemList(name);
  const handle = await open(join(dir, name), "r");
  try {
    const { size } = await handle.stat();
    const rowBytes = 4 * Math.max(1, dim);
    if (size === 0 || size % rowBytes !== 0) {
      list.add(
        "length",
        undefined,
        `the file contains ${size} bytes, which is not a whole number of rows of ${dim} float32 values (${rowBytes} bytes each); the projector would drop or misalign values. Write the full vectors again.`,
      );
    }
    await scanFloats(handle, size, list);
    return {
      rows: Math.floor(size / rowBytes),
      dim,
      problems: list.finish(undefined),
    };
  } finally {
    await handle.close();
  }
}

async function scanFloats(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
  list: ProblemList,
): Promise<void> {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (let offset = 0; offset + 4 <= size;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (bytesRead < 4) break;
    for (let i = 0; i + 4 <= bytesRead; i += 4) {
      const value = buffer.readFloatLE(i);
      if (value - value !== 0) {
        list.add(
          "not finite",
          undefined,
          `the float32 at byte offset ${offset + i} is ${value}; expected a finite number. Write finite numbers only.`,
        );
      }
    }
    offset += bytesRead - (bytesRead % 4);
  }
}

/** Returns the message for a blank line in a file of `kind`. */
export function blankLineMessage(kind: string): string {
  return `blank line: the projector skips it, so every later ${kind} row moves up one place and no longer matches its partner in the other file. Remove the line.`;
}

/** Shortens `text` for a message. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
