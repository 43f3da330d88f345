import { join } from "node:path";

import { readLines } from "./line-reader.js";
import { blankLineMessage, clip } from "./verify-vectors.js";
import { ProblemList, type VerifyProblem } from "./verify-types.js";

/** Metadata columns the projector reads as "next point" links. */
export const SEQUENCE_COLUMNS = ["__next__", "__seq_next__"] as const;

/** Result of reading a metadata file as the projector would. */
export interface MetadataCheck {
  /** Data rows (points), the header excluded. */
  rows: number;
  /** Column names: the header, or `["label"]` without one. */
  columns: string[];
  /** 1-based line of each data row, for messages. */
  lines: number[];
  /** Per data row, the raw text of the sequence column, if any. */
  next: string[] | undefined;
  /** Name of the sequence column the projector uses, if any. */
  nextColumn: string | undefined;
  /** 1-based line of the header, 0 without one. */
  headerLine: number;
  problems: VerifyProblem[];
}

/**
 * Reads the metadata TSV `name` in `dir` as the projector's parser does:
 * blank lines skipped, the first remaining line a header exactly when it
 * contains a tab. Reports blank lines, CR line ends, rows whose cell count
 * differs from the header, and tabs in a one-column file.
 */
export async function checkMetadata(
  dir: string,
  name: string,
): Promise<MetadataCheck> {
  const list = new ProblemList(name);
  const check: MetadataCheck = {
    rows: 0,
    columns: ["label"],
    lines: [],
    next: undefined,
    nextColumn: undefined,
    headerLine: 0,
    problems: [],
  };
  let nextIndex = -1;
  let lastLine = 0;
  for await (const { text, number } of readLines(join(dir, name))) {
    lastLine = number;
    if (text.trim() === "") {
      list.add("blank line", number, blankLineMessage("metadata"));
      continue;
    }
    if (text.endsWith("\r")) {
      list.add(
        "CR line end",
        number,
        "the line ends with CR (a Windows line end); the projector keeps it in the last column's value. Write LF line ends only.",
      );
    }
    if (check.rows === 0 && check.headerLine === 0 && text.includes("\t")) {
      check.headerLine = number;
      check.columns = text.split("\t");
      nextIndex = sequenceColumn(check);
      continue;
    }
    const cells = text.split("\t");
    checkWidth(cells.length, check, number, list);
    check.rows++;
    check.lines.push(number);
    if (nextIndex >= 0) check.next!.push(cells[nextIndex] ?? "");
  }
  if (check.rows === 0) {
    list.add(
      "empty",
      lastLine || 1,
      "the file contains no metadata rows; write one row per point.",
    );
  }
  check.problems = list.finish(lastLine || 1);
  return check;
}

function sequenceColumn(check: MetadataCheck): number {
  for (const name of SEQUENCE_COLUMNS) {
    const index = check.columns.indexOf(name);
    if (index >= 0) {
      check.nextColumn = name;
      check.next = [];
      return index;
    }
  }
  return -1;
}

function checkWidth(
  width: number,
  check: MetadataCheck,
  line: number,
  list: ProblemList,
): void {
  const expected = check.columns.length;
  if (check.headerLine === 0 && width > 1) {
    list.add(
      "tab in label",
      line,
      `the row contains a tab but the file has no header (its first line has none), so the projector keeps only the text before the tab. Replace tabs in labels with spaces.`,
    );
  } else if (check.headerLine > 0 && width !== expected) {
    const cause =
      width > expected
        ? "a tab inside a value splits it and shifts the later columns"
        : "values are missing";
    list.add(
      "row width",
      line,
      `the row has ${width} cells; the header on line ${check.headerLine} has ${expected} columns, so ${cause}. Replace tabs in values with spaces and give every row one cell per column.`,
    );
  }
}

/**
 * Checks the sequence links of `check` against `points` rows: each
 * non-empty value must be a whole row index in range, and following the
 * links must never return to a row (a cycle hangs the projector).
 */
export function checkSequences(
  check: MetadataCheck,
  name: string,
  points: number,
): VerifyProblem[] {
  if (!check.next || !check.nextColumn) return [];
  const list = new ProblemList(name);
  const targets = new Int32Array(check.next.length).fill(-1);
  check.next.forEach((raw, row) => {
    if (raw.trim() === "") return;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 0 && value < points) {
      targets[row] = value;
      return;
    }
    list.add(
      "sequence link",
      check.lines[row],
      `${check.nextColumn} is "${clip(raw)}"; expected a whole row index from 0 to ${points - 1} or an empty cell, so the line through the points breaks here. Write the 0-based row of the next point.`,
    );
  });
  for (const cycle of findCycles(targets)) {
    const shown = cycle.length > 10 ? [...cycle.slice(0, 10), "..."] : cycle;
    const path = [...shown, cycle[0]].join(" -> ");
    list.add(
      "sequence cycle",
      check.lines[cycle[0]!],
      `${check.nextColumn} links form a cycle through rows ${path} (0-based), which hangs the projector. Leave the last point of each sequence empty.`,
    );
  }
  return list.finish(check.lines.at(-1));
}

/** Returns each cycle of the functional graph `targets` (-1 = no link). */
export function findCycles(targets: Int32Array): number[][] {
  const state = new Uint8Array(targets.length); // 0 new, 1 on path, 2 done
  const cycles: number[][] = [];
  for (let start = 0; start < targets.length; start++) {
    const path: number[] = [];
    let row = start;
    while (row >= 0 && row < targets.length && state[row] === 0) {
      state[row] = 1;
      path.push(row);
      row = targets[row]!;
    }
    if (row >= 0 && row < targets.length && state[row] === 1) {
      cycles.push(path.slice(path.indexOf(row)));
    }
    for (const visited of path) state[visited] = 2;
  }
  return cycles;
}
