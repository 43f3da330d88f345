import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import {
  writeManifest,
  writeMetadataTsv,
  writeProjectorConfig,
  writeVectorsBytes,
  writeVectorsTsv,
} from "../../src/projector/index.js";
import { verifyRun } from "../../src/projector/verify.js";
import { findCycles } from "../../src/projector/verify-metadata.js";
import { makeTempDir } from "../helpers/temp.js";

const COLUMNS = ["label", "kind", "__seq_next__"];
const ROWS = [
  ["hate", "start", "1"],
  ["hate [step 1]", "step", "2"],
  ["hate [step 2]", "end", ""],
  ["bad", "word", ""],
];
const VECTORS = Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5);

/** Writes a valid four-point run of dimension 3. */
async function validRun(
  options: { bytes?: boolean; manifest?: boolean } = {},
): Promise<string> {
  const dir = await makeTempDir();
  const tensorPath = options.bytes ? "vectors.bytes" : "vectors.tsv";
  const write = options.bytes ? writeVectorsBytes : writeVectorsTsv;
  await write(join(dir, tensorPath), 3, [VECTORS]);
  await writeMetadataTsv(join(dir, "metadata.tsv"), COLUMNS, ROWS);
  await writeProjectorConfig(dir, [
    {
      tensorName: "test",
      tensorShape: [4, 3],
      tensorPath,
      metadataPath: "metadata.tsv",
    },
  ]);
  if (options.manifest) {
    const tool = { name: "textdream", version: "0" };
    await writeManifest(dir, { tool, command: "test", options: {} }, [
      tensorPath,
      "metadata.tsv",
      "projector_config.json",
    ]);
  }
  return dir;
}

async function edit(
  dir: string,
  file: string,
  change: (text: string) => string,
): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, "utf8")));
}

describe("verifyRun", () => {
  it.each([
    ["TSV", {}],
    ["bytes", { bytes: true }],
    ["TSV with manifest", { manifest: true }],
    ["bytes with manifest", { bytes: true, manifest: true }],
  ])("accepts a valid %s run", async (_, options) => {
    const report = await verifyRun(await validRun(options));
    expect(report).toEqual({ ok: true, points: 4, dim: 3, problems: [] });
  });

  it.each([
    [
      "a metadata file one row short",
      "metadata.tsv",
      (t: string) => t.replace("bad\tword\t\n", ""),
      { file: "metadata.tsv", line: 4 },
      /3 metadata rows after its header; vectors.tsv has 4 points/,
    ],
    [
      "a label with a raw tab",
      "metadata.tsv",
      (t: string) => t.replace("bad\t", "b\tad\t"),
      { file: "metadata.tsv", line: 5 },
      /4 cells; the header on line 1 has 3 columns/,
    ],
    [
      "a ragged vector row",
      "vectors.tsv",
      (t: string) => t.replace(/\n([^\n]*)\n$/, "\n$1\t0.5\n"),
      { file: "vectors.tsv", line: 4 },
      /4 cells; expected 3, the width of line 1/,
    ],
    [
      "a NaN cell",
      "vectors.tsv",
      (t: string) => t.replace(/^[^\t]*/, "NaN"),
      { file: "vectors.tsv", line: 1 },
      /first cell "NaN" is not a number/,
    ],
    [
      "a NaN cell inside a row",
      "vectors.tsv",
      (t: string) => t.replace(/\t[^\t]*\t/, "\tNaN\t"),
      { file: "vectors.tsv", line: 1 },
      /cell 2 is "NaN", not a finite number/,
    ],
    [
      "an empty vector cell",
      "vectors.tsv",
      (t: string) => t.replace(/\t[^\t]*\t/, "\t\t"),
      { file: "vectors.tsv", line: 1 },
      /cell 2 is "", not a finite number; the projector would read it as 0/,
    ],
    [
      "a __seq_next__ cycle",
      "metadata.tsv",
      (t: string) => t.replace("hate [step 2]\tend\t", "hate [step 2]\tend\t0"),
      { file: "metadata.tsv", line: 2 },
      /cycle through rows 0 -> 1 -> 2 -> 0/,
    ],
    [
      "a __seq_next__ out of range",
      "metadata.tsv",
      (t: string) => t.replace("hate\tstart\t1", "hate\tstart\t4"),
      { file: "metadata.tsv", line: 2 },
      /__seq_next__ is "4"; expected a whole row index from 0 to 3/,
    ],
    [
      "a config whose shape disagrees",
      "projector_config.json",
      (t: string) => t.replace("4,", "5,"),
      { file: "projector_config.json", line: 5 },
      /tensorShape is \[5, 3\] but vectors.tsv contains 4 rows of 3/,
    ],
    [
      "a blank metadata line",
      "metadata.tsv",
      (t: string) => t.replace("bad", "\nbad"),
      { file: "metadata.tsv", line: 5 },
      /blank line: the projector skips it/,
    ],
    [
      "a CRLF metadata file",
      "metadata.tsv",
      (t: string) => t.replaceAll("\n", "\r\n"),
      { file: "metadata.tsv", line: 1 },
      /ends with CR/,
    ],
    [
      "a missing metadata file",
      "metadata.tsv",
      () => "",
      { file: "metadata.tsv", line: 1 },
      /no metadata rows/,
    ],
    [
      "a path outside the run",
      "projector_config.json",
      (t: string) => t.replace('"metadata.tsv"', '"../metadata.tsv"'),
      { file: "projector_config.json", line: 10 },
      /metadataPath "..\/metadata.tsv" points outside the run directory/,
    ],
  ])("reports %s", async (_, file, change, where, message) => {
    const dir = await validRun();
    await edit(dir, file, change);
    const report = await verifyRun(dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      ...where,
      message: expect.stringMatching(message),
    });
  });

  it("reports a one-column file with a header row", async () => {
    const dir = await validRun();
    await writeMetadataTsv(
      join(dir, "metadata.tsv"),
      ["label"],
      [["a"], ["b"], ["c"], ["d"]],
    );
    expect((await verifyRun(dir)).ok).toBe(true);
    await edit(dir, "metadata.tsv", (t) => t.replace("a\n", "a\tx\n"));
    const problems = (await verifyRun(dir)).problems;
    expect(problems).toContainEqual({
      file: "metadata.tsv",
      line: 4,
      message: expect.stringMatching(/3 metadata rows after its header/),
    });
    expect(problems).toContainEqual({
      file: "metadata.tsv",
      line: 2,
      message: expect.stringMatching(/1 cells; the header on line 1 has 2/),
    });
  });

  it("reports a cycle in __next__", async () => {
    const dir = await validRun();
    await writeMetadataTsv(
      join(dir, "metadata.tsv"),
      ["label", "__next__"],
      [
        ["a", "1"],
        ["b", "1"],
        ["c", ""],
        ["d", "2.5"],
      ],
    );
    const problems = (await verifyRun(dir)).problems;
    expect(problems).toEqual([
      {
        file: "metadata.tsv",
        line: 5,
        message: expect.stringMatching(/__next__ is "2.5"; expected a whole/),
      },
      {
        file: "metadata.tsv",
        line: 3,
        message: expect.stringMatching(/cycle through rows 1 -> 1 \(0-based/),
      },
    ]);
  });

  it("reports a changed file against the manifest", async () => {
    const dir = await validRun({ manifest: true });
    await edit(dir, "vectors.tsv", (t) => t.replace("-0.5", "-0.6"));
    const problems = (await verifyRun(dir)).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "manifest.json" });
    expect(problems[0]!.message).toMatch(/"vectors.tsv" .* changed after/);
  });

  it("reports a bytes file of partial rows", async () => {
    const dir = await validRun({ bytes: true });
    const path = join(dir, "vectors.bytes");
    await writeFile(path, (await readFile(path)).subarray(0, 44));
    const problems = (await verifyRun(dir)).problems;
    expect(problems[0]).toEqual({
      file: "vectors.bytes",
      line: undefined,
      message: expect.stringMatching(/contains 44 bytes, which is not a whole/),
    });
  });

  it("reports a missing config", async () => {
    const dir = await validRun();
    await rm(join(dir, "projector_config.json"));
    const report = await verifyRun(dir);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: "projector_config.json" }),
    ]);
  });

  it("reports bookmarks that are not an array", async () => {
    const dir = await validRun();
    await writeFile(join(dir, "bookmarks.json"), "{}");
    await edit(dir, "projector_config.json", (t) =>
      t.replace(
        '"metadata.tsv"',
        '"metadata.tsv", "bookmarksPath": "bookmarks.json"',
      ),
    );
    const problems = (await verifyRun(dir)).problems;
    expect(problems).toEqual([
      expect.objectContaining({ file: "bookmarks.json", line: 1 }),
    ]);
  });
});

describe("findCycles", () => {
  it.each([
    [[1, 2, -1], []],
    [[0], [[0]]],
    [[1, 0, 0, 2], [[0, 1]]],
    [[-1, 2, 3, 1, 3], [[1, 2, 3]]],
  ])("finds cycles in %j", (targets, cycles) => {
    expect(findCycles(Int32Array.from(targets))).toEqual(cycles);
  });
});
