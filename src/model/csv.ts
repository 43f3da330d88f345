import { readFile } from "node:fs/promises";
import { parseString } from "fast-csv";

import { FileFormatError, UsageError } from "../errors.js";
import { mapLabelValues } from "./labels.js";

/** One labelled sentence read from a data set. */
export interface LabelledText {
  /** The text cell as written (quotes removed, line breaks kept). */
  text: string;
  /** Class: 0 for the first value of `labels`, 1 for the second. */
  label: number;
  /** 1-based line of the file where the row starts. */
  line: number;
}

/** Options of {@link readLabelledCsv}. */
export interface ReadCsvOptions {
  /** Header name of the text column. Default "text". */
  textColumn?: string;
  /** Header name of the label column. Default "label". */
  labelColumn?: string;
}

/** Result of {@link readLabelledCsv}. */
export interface LabelledCsv {
  examples: LabelledText[];
  /** Raw label value of class 0, then of class 1. */
  labels: string[];
  /** Rows with no cell at all (blank lines), skipped. */
  blankRows: number;
  /** The header row's column names. */
  columns: string[];
}

/**
 * Reads a CSV file with a header row into labelled texts. A UTF-8
 * byte-order mark is dropped, CRLF and LF line ends both work, quoted
 * fields keep their line breaks, and blank rows are skipped and counted.
 * A malformed row (a stray quote), a row of the wrong width, an empty cell
 * or a third label value stops with an error naming the line.
 */
export async function readLabelledCsv(
  path: string,
  options: ReadCsvOptions = {},
): Promise<LabelledCsv> {
  const text = await readText(path);
  const rows = await parseRows(text, path);
  const header = rows.shift();
  if (header === undefined || header.cells.length === 0) {
    throw new FileFormatError(
      `readLabelledCsv: ${path} has no header row; expected a first line naming the columns, such as "text,label"`,
    );
  }
  const columns = header.cells.map((cell) => cell.trim());
  const textIndex = columnIndex(columns, options.textColumn ?? "text", path);
  const labelIndex = columnIndex(columns, options.labelColumn ?? "label", path);
  const collected = collectRows(rows, columns, textIndex, labelIndex, path);
  const labels = mapLabelValues(collected.values);
  const examples = collected.rows.map((row) => ({
    text: row.text,
    label: row.value === labels[0] ? 0 : 1,
    line: row.line,
  }));
  return { examples, labels, blankRows: collected.blankRows, columns };
}

interface RawRow {
  cells: string[];
  line: number;
}

interface CollectedRows {
  rows: { text: string; value: string; line: number }[];
  values: string[];
  blankRows: number;
}

function collectRows(
  rows: readonly RawRow[],
  columns: readonly string[],
  textIndex: number,
  labelIndex: number,
  path: string,
): CollectedRows {
  const collected: CollectedRows = { rows: [], values: [], blankRows: 0 };
  for (const { cells, line } of rows) {
    if (cells.length === 0) {
      collected.blankRows += 1;
      continue;
    }
    const where = `${path} line ${line}`;
    if (cells.length !== columns.length) {
      throw new FileFormatError(
        `readLabelledCsv: ${where} has ${cells.length} cell(s), expected ${columns.length} (${columns.join(",")}); quote cells that contain commas`,
      );
    }
    const text = cells[textIndex] as string;
    const value = (cells[labelIndex] as string).trim();
    if (text.trim() === "" || value === "") {
      const empty =
        text.trim() === "" ? columns[textIndex] : columns[labelIndex];
      throw new FileFormatError(
        `readLabelledCsv: ${where} has an empty "${empty}" cell, expected a value; fill it in or delete the row`,
      );
    }
    if (!collected.values.includes(value)) {
      checkNewValue(collected.values, value, where);
      collected.values.push(value);
    }
    collected.rows.push({ text, value, line });
  }
  return collected;
}

function checkNewValue(seen: readonly string[], value: string, where: string) {
  if (seen.length < 2) return;
  throw new UsageError(
    `readLabelledCsv: ${where} has a third label value "${value}", expected one of the two already seen ("${seen[0]}", "${seen[1]}"); a classifier here has two classes, so fix or remove the row`,
  );
}

function columnIndex(columns: string[], name: string, path: string) {
  const index = columns.indexOf(name);
  if (index >= 0) return index;
  throw new UsageError(
    `readLabelledCsv: ${path} has no column "${name}"; the columns present are ${columns.map((c) => `"${c}"`).join(", ")}; name the right ones with --text-column and --label-column`,
  );
}

async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(
      `readLabelledCsv: cannot read ${path} (${(error as Error).message}); pass the path of an existing CSV file`,
      "NOT_FOUND",
      { cause: error },
    );
  }
  try {
    // The decoder drops a UTF-8 byte-order mark.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FileFormatError(
      `readLabelledCsv: ${path} is not valid UTF-8 text; save it as UTF-8 CSV`,
      { cause: error },
    );
  }
}

function parseRows(text: string, path: string): Promise<RawRow[]> {
  return new Promise((resolve, reject) => {
    const rows: RawRow[] = [];
    let line = 1;
    parseString(text, { headers: false, ignoreEmpty: false })
      .on("data", (cells: string[]) => {
        rows.push({ cells, line });
        line += 1 + cells.reduce((sum, cell) => sum + lineBreaks(cell), 0);
      })
      .on("error", (error: Error) => reject(quoteError(text, path, error)))
      .on("end", () => resolve(rows));
  });
}

function lineBreaks(cell: string): number {
  return cell.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function quoteError(text: string, path: string, cause: Error): Error {
  const line = malformedQuoteLine(text);
  const where = line === undefined ? path : `${path} line ${line}`;
  return new FileFormatError(
    `readLabelledCsv: ${where} is malformed (a stray quote: ${cause.message.split("\n")[0]}); expected a quoted field to end with a quote before the next comma or line end. Fix the quoting (write a quote inside a quoted field as ""); nothing was trained`,
    { cause },
  );
}

/**
 * Returns the 1-based line where a quoted field starts that is never
 * closed or is followed by text before the next comma or line end.
 */
export function malformedQuoteLine(text: string): number | undefined {
  let line = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (atFieldStart && char === '"') {
      const start = line;
      const end = closingQuote(text, i + 1);
      if (end === undefined) return start;
      line += lineBreaks(text.slice(i, end.index));
      const next = text[end.index + 1];
      if (next !== undefined && !",\r\n".includes(next)) return start;
      i = end.index;
      atFieldStart = false;
      continue;
    }
    if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line += 1;
    atFieldStart = char === "," || char === "\n" || char === "\r";
  }
  return undefined;
}

function closingQuote(
  text: string,
  from: number,
): { index: number } | undefined {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') {
      i += 1;
      continue;
    }
    return { index: i };
  }
  return undefined;
}
