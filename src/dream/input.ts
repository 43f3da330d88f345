import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";

import { parse } from "fast-csv";

import { UsageError } from "../errors.js";

/**
 * Reads one sentence per line from `path`. Blank lines are skipped and
 * counted; a byte-order mark and CR line ends are removed.
 */
export async function readSentenceLines(
  path: string,
  shownPath = path,
): Promise<{ sentences: string[]; blankLines: number }> {
  const text = await readFile(path, "utf8").catch((error: unknown) => {
    throw new UsageError(
      `cannot read --file "${shownPath}": ${(error as Error).message}`,
      "NOT_FOUND",
      { cause: error },
    );
  });
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const sentences = lines.filter((line) => line.trim() !== "");
  return { sentences, blankLines: lines.length - sentences.length };
}

/**
 * Reads the `column` of a CSV file with a header row. Quoted fields may hold
 * commas and line breaks; a malformed row is an error naming its line.
 */
export async function readCsvColumn(
  path: string,
  column: string,
  shownPath = path,
): Promise<{ sentences: string[]; blankRows: number }> {
  const sentences: string[] = [];
  let blankRows = 0;
  let headers: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(path);
    input.on("error", (error) =>
      reject(
        new UsageError(
          `cannot read --csv "${shownPath}": ${error.message}`,
          "NOT_FOUND",
          { cause: error },
        ),
      ),
    );
    input
      .pipe(
        parse({
          headers: (names) => {
            headers = names.map((name) => (name ?? "").replace(/^\uFEFF/, ""));
            return headers;
          },
          ignoreEmpty: false,
          trim: false,
        }),
      )
      .on("error", (error: Error) =>
        reject(
          new UsageError(
            `invalid CSV "${shownPath}": ${error.message}; check for a stray quote`,
            "INVALID_FILE",
            { cause: error },
          ),
        ),
      )
      .on("data", (row: Record<string, string>) => {
        if (!headers.includes(column)) return;
        const value = row[column] ?? "";
        if (Object.values(row).every((cell) => cell.trim() === "")) {
          blankRows += 1;
          return;
        }
        sentences.push(value);
      })
      .on("end", () => {
        if (!headers.includes(column)) {
          reject(
            new UsageError(
              `column "${column}" not found in "${shownPath}"; the columns are: ${headers.join(", ")}; choose one with --text-column`,
            ),
          );
          return;
        }
        resolve();
      });
  });
  return { sentences, blankRows };
}
