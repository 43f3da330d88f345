import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { summarizeFile } from "../../src/projector/file-summary.js";
import { makeTempDir } from "../helpers/temp.js";

/** Non-blank lines, less a first line holding a tab for metadata files. */
function referenceRows(text: string, metadata: boolean): number {
  const lines = text.split("\n").filter((line) => /[^\x00-\x20]/.test(line));
  const header = metadata && lines[0]?.includes("\t") ? 1 : 0;
  return lines.length - header;
}

describe("summarizeFile", () => {
  it("counts rows across read chunks", async () => {
    const dir = await makeTempDir();
    // Long lines make files larger than one 64 KiB read chunk, so lines
    // straddle chunk boundaries.
    const line = fc.oneof(
      fc.constantFrom("", " ", "\t", " \t ", "a\tb", "word"),
      fc.string({ unit: fc.constantFrom(" ", "\t", "x", "\r"), maxLength: 40 }),
      fc.nat({ max: 30000 }).map((n) => " ".repeat(n) + "y"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        async (lines, metadata, finalNewline) => {
          const text = lines.join("\n") + (finalNewline ? "\n" : "");
          const name = metadata ? "metadata.tsv" : "notes.txt";
          const path = join(dir, name);
          await writeFile(path, text);
          const summary = await summarizeFile(path);
          expect(summary.rows).toBe(referenceRows(text, metadata));
          expect(summary.bytes).toBe(Buffer.byteLength(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
