import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { previewRun } from "../../src/preview/index.js";
import { writeManifest } from "../../src/projector/manifest.js";
import { verifyBookmarks } from "../../src/projector/bookmarks.js";
import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";
import { writeFixtureRun } from "./run-fixture.js";

const STABLE_FILES = [
  "preview.html",
  "layout.svg",
  "bookmarks.json",
  "layout.json",
];

describe("previewRun", () => {
  it("writes identical files for seed 7", async () => {
    const first = await makeTempDir();
    const second = await makeTempDir();
    await writeFixtureRun(first);
    await writeFixtureRun(second);
    await previewRun(first, { seed: 7 });
    await previewRun(second, { seed: 7 });
    for (const name of STABLE_FILES) {
      const a = await readFile(join(first, name));
      const b = await readFile(join(second, name));
      expect(a.equals(b), name).toBe(true);
    }
  });

  it("links a bookmark the verifier accepts", async () => {
    const dir = await makeTempDir();
    const points = await writeFixtureRun(dir);
    await previewRun(dir, { seed: 7 });
    const config = JSON.parse(
      await readFile(join(dir, "projector_config.json"), "utf8"),
    );
    expect(config.embeddings[0].bookmarksPath).toBe("bookmarks.json");
    expect(await verifyBookmarks(dir, "bookmarks.json", points)).toEqual([]);
    const [state] = JSON.parse(
      await readFile(join(dir, "bookmarks.json"), "utf8"),
    );
    expect(state.selectedProjection).toBe("umap");
    expect(state.dataSetDimensions).toEqual([points, 8]);
    expect(state.projections).toHaveLength(points);
  });

  it("escapes a script label in the page", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir, {
      firstLabel: "</script><script>alert(1)</script>",
    });
    await previewRun(dir, { seed: 7 });
    const html = await readFile(join(dir, "preview.html"), "utf8");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  });

  it("rejects a NaN naming the line", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir, {
      badLine: { line: 3, text: "1\tNaN\t0\t0\t0\t0\t0\t0" },
    });
    await expect(previewRun(dir)).rejects.toThrow(
      /invalid number "NaN" in vectors.tsv line 3 \(row 2\), column 2/,
    );
  });

  it.each([0, 1, 2])("previews a run of %i points", async (rows) => {
    const dir = await makeTempDir();
    const line = Array.from({ length: 4 }, (_, j) => String(j + 1)).join("\t");
    await writeFile(
      join(dir, "vectors.tsv"),
      rows ? `${Array(rows).fill(line).join("\n")}\n` : "",
    );
    await writeFile(
      join(dir, "metadata.tsv"),
      Array.from({ length: rows }, (_, i) => `p${i}\n`).join(""),
    );
    const result = await previewRun(dir, { seed: 7 });
    expect(result.method).toBe("trivial");
    expect(result.layout).toHaveLength(rows * 2);
    expect(result.files).toContain("preview.html");
  });

  it("uses PCA when asked", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir);
    const result = await previewRun(dir, { pca: true });
    expect(result.method).toBe("pca");
    const layout = JSON.parse(await readFile(join(dir, "layout.json"), "utf8"));
    expect(layout.method).toBe("pca");
  });

  it("refreshes the manifest sums", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir);
    const tool = { name: "textdream", version: "0.1.0" };
    await writeManifest(dir, { tool, command: "dream", options: {} }, [
      "vectors.tsv",
      "projector_config.json",
    ]);
    await previewRun(dir, { seed: 7 });
    const manifest = JSON.parse(
      await readFile(join(dir, "manifest.json"), "utf8"),
    );
    const config = manifest.files.find(
      (f: { file: string }) => f.file === "projector_config.json",
    );
    const bytes = (await readFile(join(dir, "projector_config.json"))).length;
    expect(config.bytes).toBe(bytes);
    expect(manifest.files.map((f: { file: string }) => f.file)).toContain(
      "bookmarks.json",
    );
  });
});

describe("textdream preview", () => {
  it("prints written files as JSON", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir);
    const result = await runTextdream([
      "preview",
      dir,
      "--seed",
      "7",
      "--epochs",
      "50",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.method).toBe("umap");
    expect(printed.points).toBe(38);
    expect(printed.files).toContain("bookmarks.json");
  });

  it("draws epoch progress on a terminal", async () => {
    const dir = await makeTempDir();
    await writeFixtureRun(dir);
    const args = ["preview", dir, "--epochs", "20"];
    const result = await runTextdream(args, { stderrIsTTY: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("umap layout [");
    expect(result.stderr).toContain("100%");
  });

  it("rejects a bad metric", async () => {
    const result = await runTextdream([
      "preview",
      ".",
      "--metric",
      "manhattan",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '"manhattan" is not one of cosine, euclidean',
    );
  });

  it("reports a missing run directory", async () => {
    const dir = await makeTempDir();
    const result = await runTextdream(["preview", join(dir, "absent")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read .*vectors.tsv/);
  });
});
