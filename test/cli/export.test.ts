import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";

const TEXT = "3 2\nthe 1 2\nof 3 4\nof 5 6\n";

async function inputFile(): Promise<string> {
  const dir = await makeTempDir();
  await writeFile(join(dir, "glove.vec"), TEXT);
  return dir;
}

describe("export command", () => {
  it("exports into the default directory", async () => {
    const cwd = await inputFile();
    const result = await runTextdream(["export", "glove.vec"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `exported 2 x 2 (word2vec-text) to ${join(cwd, "glove-projector")}`,
    );
    expect(result.stderr).toContain(
      "reading 0.0 KiB of 0.0 KiB (100%), 3 rows",
    );
    expect(result.stderr).toContain(
      "warning: 1 rows repeat an earlier word; the first of each was kept and the repeats dropped.",
    );
    const metadata = await readFile(
      join(cwd, "glove-projector", "metadata.tsv"),
      "utf8",
    );
    expect(metadata).toBe("the\nof\n");
  });

  it.each([
    ["a NaN row", "a 1 2\nb NaN 3\n", "new/run"],
    ["a short row", "a 1 2\nb 3\n", "new/run"],
  ])("leaves no directory after %s", async (_title, text, out) => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, "bad.txt"), text);
    const result = await runTextdream(["export", "bad.txt", "--out", out], {
      cwd,
    });
    expect(result.code).toBe(1);
    expect(await readdir(cwd)).toEqual(["bad.txt"]);
  });

  it("keeps an existing directory after a failure", async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, "bad.txt"), "a 1 2\nb NaN 3\n");
    await mkdir(join(cwd, "mine"));
    await writeFile(join(cwd, "mine", "notes.txt"), "keep");
    const result = await runTextdream(["export", "bad.txt", "--out", "mine"], {
      cwd,
    });
    expect(result.code).toBe(1);
    expect(await readdir(join(cwd, "mine"))).toEqual(["notes.txt"]);
  });

  it("writes a run verify accepts", async () => {
    const cwd = await inputFile();
    await runTextdream(["export", "glove.vec", "--out", "run"], { cwd });
    const result = await runTextdream(["verify", "run"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("prints the result as JSON", async () => {
    const cwd = await inputFile();
    const result = await runTextdream(
      ["export", "glove.vec", "--out", "run", "--json", "--format", "bytes"],
      { cwd },
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({
      rows: 2,
      dim: 2,
      inputFormat: "word2vec-text",
      report: { rowsRead: 3, duplicates: 1 },
    });
    expect(printed.files.map((f: { file: string }) => f.file)).toEqual([
      "vectors.bytes",
      "metadata.tsv",
      "projector_config.json",
      "manifest.json",
    ]);
  });

  it("draws progress on a terminal", async () => {
    const cwd = await inputFile();
    const result = await runTextdream(["export", "glove.vec"], {
      cwd,
      stderrIsTTY: true,
    });
    expect(result.stderr).toMatch(
      /\rreading .* 3 rows\u001b\[K\nwarning: 1 rows/,
    );
  });

  it.each([
    [["export", "missing.txt"], "the file does not exist"],
    [["export", "glove.vec", "--digits", "12"], '"12" is above the maximum 9'],
    [["export", "glove.vec", "--input-format", "csv"], '"csv" is not one of'],
    [["export", "glove.vec", "--input-format", "npy"], "magic bytes"],
  ])("exits 1 on %j", async (argv, message) => {
    const cwd = await inputFile();
    const result = await runTextdream(argv, { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it("lists every option in help", async () => {
    const result = await runTextdream(["export", "--help"]);
    for (const flag of [
      "--limit",
      "--words",
      "--normalize",
      "--digits",
      "--format",
      "--metadata",
      "--labels",
      "--name",
      "--tensorboard",
      "--input-format",
      "--skip-bad-rows",
      "--drop-nonfinite",
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });
});
