import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import {
  writeMetadataTsv,
  writeProjectorConfig,
  writeVectorsTsv,
} from "../../src/projector/index.js";
import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";

async function twoPointRun(): Promise<string> {
  const dir = await makeTempDir();
  await writeVectorsTsv(join(dir, "vectors.tsv"), 2, [
    Float32Array.from([1, 2, 3, 4]),
  ]);
  await writeMetadataTsv(join(dir, "metadata.tsv"), ["label"], [["a"], ["b"]]);
  await writeProjectorConfig(dir, [
    {
      tensorName: "t",
      tensorShape: [2, 2],
      tensorPath: "vectors.tsv",
      metadataPath: "metadata.tsv",
    },
  ]);
  return dir;
}

describe("textdream verify", () => {
  it("accepts a valid run", async () => {
    const dir = await twoPointRun();
    const result = await runTextdream(["verify", dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`ok: ${dir} (2 points of 2 dimensions)\n`);
    expect(result.stderr).toBe("");
  });

  it("prints problems as file:line", async () => {
    const dir = await twoPointRun();
    await writeFile(join(dir, "vectors.tsv"), "1\t2\n3\tNaN\n");
    const result = await runTextdream(["verify", dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^vectors\.tsv:2: cell 2 is "NaN", not a finite number/,
    );
    expect(result.stdout).toContain(`1 problem in ${dir}`);
    expect(result.stderr).toMatch(/^error: verify: found 1 problem/);
  });

  it("prints the report as JSON", async () => {
    const dir = await twoPointRun();
    const path = join(dir, "metadata.tsv");
    await writeFile(path, (await readFile(path, "utf8")) + "\nc\n");
    const result = await runTextdream(["verify", dir, "--json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.points).toBe(2);
    expect(report.problems.map((p: { line: number }) => p.line)).toEqual([
      3, 4,
    ]);
  });

  it("rejects a missing directory", async () => {
    const dir = await makeTempDir();
    const result = await runTextdream(["verify", join(dir, "nope")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run directory ".*nope" was not found/);
  });
});
