import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

import {
  commitRunDir,
  prepareRunDir,
  resolveRunDir,
  slugify,
} from "../../src/dream/run-dir.js";
import { makeTempDir } from "../helpers/temp.js";

describe("slugify", () => {
  it.each([
    ["I hate this.", "i-hate-this"],
    ["Café  déjà vu!", "cafe-deja-vu"],
    ["😀😀", "run"],
    ["", "run"],
    ["a".repeat(60), "a".repeat(40)],
    [`${"word ".repeat(7)}end`, "word-word-word-word-word-word-word-end"],
  ])("turns %j into %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe("resolveRunDir", () => {
  it("defaults to output/<slug>-<hash>", () => {
    expect(resolveRunDir(undefined, "/work", "I hate this.", "ab12cd34")).toBe(
      "/work/output/i-hate-this-ab12cd34",
    );
  });

  it.each(["../elsewhere", "output/../../x", "runs/..", "/tmp/a/../b"])(
    "rejects %s with a .. segment",
    (out) => {
      expect(() => resolveRunDir(out, "/work", "x", "0")).toThrow(
        `invalid --out "${out}": it contains a ".." segment`,
      );
    },
  );

  it.each([".", "", "/"])("rejects %j as a run directory", (out) => {
    expect(() => resolveRunDir(out, "/work", "x", "0")).toThrow(
      `invalid --out "${out}"`,
    );
  });

  it("keeps an absolute path", () => {
    expect(resolveRunDir("/tmp/run", "/work", "x", "0")).toBe("/tmp/run");
  });
});

describe("prepareRunDir", () => {
  it("rejects a non-empty directory without force", async () => {
    const root = await makeTempDir();
    const dir = join(root, "run");
    await mkdir(dir);
    await writeFile(join(dir, "keep.txt"), "old");
    await expect(prepareRunDir(dir, false)).rejects.toThrow(
      `run directory "${dir}" already exists; pass --force to replace it or choose another --out`,
    );
    expect(await readdir(root)).toEqual(["run"]);
    expect(await readFile(join(dir, "keep.txt"), "utf8")).toBe("old");
  });

  it("force keeps a directory that is no run", async () => {
    const root = await makeTempDir();
    const dir = join(root, "home");
    await mkdir(dir);
    await writeFile(join(dir, "notes.txt"), "mine");
    await expect(prepareRunDir(dir, true)).rejects.toThrow(
      `run directory "${dir}" is not empty and contains no textdream manifest.json, so --force will not replace it; choose another --out`,
    );
    expect(await readdir(dir)).toEqual(["notes.txt"]);
    expect(await readdir(root)).toEqual(["home"]);
  });

  it("replaces a run with force", async () => {
    const root = await makeTempDir();
    const dir = join(root, "run");
    await mkdir(dir);
    await writeFile(join(dir, "old.txt"), "old");
    await writeFile(
      join(dir, "manifest.json"),
      JSON.stringify({ tool: { name: "textdream" } }),
    );
    const staging = await prepareRunDir(dir, true);
    await writeFile(join(staging, "new.txt"), "new");
    await commitRunDir(staging, dir);
    expect(await readdir(dir)).toEqual(["new.txt"]);
    expect(await readdir(root)).toEqual(["run"]);
  });

  it("removes staging left by a killed run", async () => {
    const root = await makeTempDir();
    const dir = join(root, "run");
    const abandoned = join(root, ".run.staging-999999999-0badc0de");
    const live = join(root, `.run.staging-${process.pid}-00000000`);
    await mkdir(abandoned);
    await mkdir(live);
    const staging = await prepareRunDir(dir, false);
    const entries = await readdir(root);
    expect(entries).not.toContain(".run.staging-999999999-0badc0de");
    expect(entries).toContain(`.run.staging-${process.pid}-00000000`);
    expect(entries).toContain(basename(staging));
  });
});
