import { UsageError } from "../errors.js";
import { FileSink } from "./file-sink.js";
import type { FileSummary } from "./file-summary.js";

/** Characters a metadata cell cannot hold: controls, line separators, lone surrogates. */
const UNSAFE = /[\p{Cc}\u2028\u2029\p{Cs}]+/gu;
const UNSAFE_TEST = /[\p{Cc}\u2028\u2029\p{Cs}]/u;

/** Replacement for an empty label, so no metadata line is blank. */
export const EMPTY_LABEL = "(empty)";

/** Default longest label, in code points. */
export const MAX_LABEL_LENGTH = 200;

/**
 * Returns `text` made safe for one metadata cell. Each run of tabs, line
 * breaks, other control characters, U+2028/U+2029 and lone surrogates
 * becomes one space. The result is trimmed and cut to `maxLength` code
 * points (default 200) at a grapheme boundary, so no surrogate pair or
 * combined character is split and no U+FFFD appears. Empty text stays
 * empty: see {@link sanitizeLabel} for cells that must not be empty.
 */
export function sanitizeCell(
  text: string,
  maxLength = MAX_LABEL_LENGTH,
): string {
  let clean = UNSAFE_TEST.test(text) ? text.replace(UNSAFE, " ") : text;
  clean = clean.trim();
  if (clean.length > maxLength) clean = cutGraphemes(clean, maxLength).trim();
  return clean;
}

/**
 * Returns `text` made safe as a metadata label: like {@link sanitizeCell},
 * and an empty or all-blank label becomes `(empty)`, because the projector
 * skips blank lines and every later row would shift.
 */
export function sanitizeLabel(
  text: string,
  maxLength = MAX_LABEL_LENGTH,
): string {
  const clean = sanitizeCell(text, maxLength);
  return clean === "" ? EMPTY_LABEL : clean;
}

let segmenter: Intl.Segmenter | undefined;

/** Keeps whole graphemes of `text` up to `maxLength` code points. */
function cutGraphemes(text: string, maxLength: number): string {
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let kept = "";
  let points = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = countCodePoints(segment);
    if (points + size > maxLength) {
      // A single grapheme longer than the limit is cut between code points.
      if (points === 0) return Array.from(segment).slice(0, maxLength).join("");
      break;
    }
    kept += segment;
    points += size;
  }
  return kept;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Writes a metadata TSV to `path` atomically, as UTF-8 without a
 * byte-order mark and with LF line ends. The projector reads a first line
 * as a header exactly when it contains a tab, so one column gets no header
 * and two or more get a header line naming the columns. The first cell of
 * each row is a label (see {@link sanitizeLabel}) and the others are
 * sanitised cells that may be empty. Throws a UsageError on a row whose
 * cell count differs from `columns.length`. Returns the summary with
 * `rows` = data rows.
 */
export async function writeMetadataTsv(
  path: string,
  columns: string[],
  rows: Iterable<string[]> | AsyncIterable<string[]>,
): Promise<FileSummary> {
  if (columns.length === 0) {
    throw new UsageError(
      `writeMetadataTsv: received no columns; expected at least one column name. Pass ["label"] for plain labels.`,
    );
  }
  const sink = await FileSink.open(path);
  try {
    let text = columns.length > 1 ? formatLine(columns) : "";
    let count = 0;
    for await (const row of rows) {
      if (row.length !== columns.length) {
        throw new UsageError(
          `writeMetadataTsv: row ${count} (0-based) has ${row.length} cells; expected ${columns.length} (${columns.join(", ")}). Give every row one cell per column.`,
        );
      }
      text += formatLine(row);
      count++;
      if (text.length >= 1 << 20) {
        await sink.write(Buffer.from(text, "utf8"));
        text = "";
      }
    }
    await sink.write(Buffer.from(text, "utf8"));
    return await sink.commit(count);
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

function formatLine(cells: readonly string[]): string {
  let line = sanitizeLabel(String(cells[0]));
  for (let i = 1; i < cells.length; i++) {
    line += `\t${sanitizeCell(String(cells[i] ?? ""))}`;
  }
  return `${line}\n`;
}
