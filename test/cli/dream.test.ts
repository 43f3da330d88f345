import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";

const FAST = ["--steps", "3", "--context", "20", "--backend", "cpu"];

describe("textdream dream", () => {
  it("writes a run and prints the next commands", async () => {
    const cwd = await makeTempDir();
    const result = await runTextdream(["dream", "I hate this.", ...FAST], {
      cwd,
    });
    expect(result.stderr).not.toContain("warning");
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(0);
    const [run] = await readdir(join(cwd, "output"));
    expect(run).toMatch(/^i-hate-this-[0-9a-f]{8}$/);
    expect(result.stdout).toContain("1. I hate this.\n");
    expect(result.stdout).toContain(`run: output/${run} (`);
    expect(result.stdout).toContain(`next: textdream preview output/${run}\n`);
    expect(result.stdout).toContain(`      textdream publish output/${run}\n`);
  });

  it("prints JSON with --json", async () => {
    const cwd = await makeTempDir();
    const result = await runTextdream(
      ["dream", "I love this show.", ...FAST, "--json", "--out", "run"],
      { cwd },
    );
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.run).toBe(join(cwd, "run"));
    expect(parsed.sentences).toHaveLength(1);
    expect(parsed.sentences[0].text).toBe("I love this show.");
    expect(parsed.sentences[0].neighborsAfter).toHaveLength(10);
  });

  it("rejects an existing run without --force", async () => {
    const cwd = await makeTempDir();
    await mkdir(join(cwd, "run"));
    await writeFile(join(cwd, "run", "notes.txt"), "mine");
    const result = await runTextdream(
      ["dream", "I hate this.", ...FAST, "--out", "run"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: run directory "${join(cwd, "run")}" already exists; pass --force to replace it or choose another --out\n`,
    );
    expect(await readdir(join(cwd, "run"))).toEqual(["notes.txt"]);
    expect(await readdir(cwd)).toEqual(["run"]);
  });

  it("replaces a run with --force", async () => {
    const cwd = await makeTempDir();
    const args = ["dream", "I hate this.", ...FAST, "--out", "run"];
    expect((await runTextdream(args, { cwd })).code).toBe(0);
    const again = await runTextdream([...args, "--force"], { cwd });
    expect(again.code).toBe(0);
    expect(await readdir(cwd)).toEqual(["run"]);
  });

  it("rejects --out with ..", async () => {
    const cwd = await makeTempDir();
    const result = await runTextdream(
      ["dream", "I hate this.", ...FAST, "--out", "../escape"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error: invalid --out "../escape": it contains a ".." segment',
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each([
    [
      ["--steps", "0"],
      `error: option '--steps <n>' argument '0' is invalid. "0" is below the minimum 1.`,
    ],
    [
      ["--lr", "-0.5"],
      `error: invalid --lr -0.5: expected a finite number above 0 (default 0.01)`,
    ],
    [
      ["--lr", "abc"],
      `error: option '--lr <rate>' argument 'abc' is invalid. "abc" is not a finite number.`,
    ],
    [
      ["--objective", "joy"],
      `error: invalid objective "joy": unknown objective; valid objectives: norm:fc1, norm:fc2, neuron:fc1:<0-255>, neuron:fc2:<0-511>, class:negative, class:positive`,
    ],
    [
      ["--mode", "dreamy"],
      `error: option '--mode <mode>' argument 'dreamy' is invalid. Allowed choices are continuous, tokens, both.`,
    ],
  ])("rejects %j", async (args, message) => {
    const cwd = await makeTempDir();
    const result = await runTextdream(["dream", "I hate this.", ...args], {
      cwd,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(message);
    expect(await readdir(cwd)).toEqual([]);
  });

  it("reads sentences with --jobs 2", async () => {
    const cwd = await makeTempDir();
    const lines = Array.from({ length: 10 }, (_, i) => `great movie ${i}`);
    await writeFile(join(cwd, "many.txt"), `${lines.join("\n")}\n`);
    const result = await runTextdream(
      ["dream", "--file", "many.txt", ...FAST, "--jobs", "2", "--out", "run"],
      { cwd },
    );
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("10. great movie 9\n");
  });

  it("rejects a call without sentences", async () => {
    const result = await runTextdream(["dream"], {
      cwd: await makeTempDir(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: no sentence given");
  });

  it("reads sentences from --file and --csv", async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, "lines.txt"), "I hate this.\n\nGreat fun.\n");
    await writeFile(
      join(cwd, "reviews.csv"),
      'id,text\n1,"great movie,\nloved it"\n2,dull plot\n',
    );
    const result = await runTextdream(
      [
        "dream",
        ...FAST,
        "--file",
        "lines.txt",
        "--csv",
        "reviews.csv",
        "--out",
        "run",
        "--json",
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const texts = JSON.parse(result.stdout).sentences.map(
      (s: { text: string }) => s.text,
    );
    expect(texts).toEqual([
      "I hate this.",
      "Great fun.",
      "great movie,\nloved it",
      "dull plot",
    ]);
    expect(result.stderr).toContain("skipped 1 blank line in lines.txt");
  });

  it("names a missing CSV column", async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, "r.csv"), "id,review\n1,good\n");
    const result = await runTextdream(["dream", "--csv", "r.csv", ...FAST], {
      cwd,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: column "text" not found in "r.csv"; the columns are: id, review; choose one with --text-column\n',
    );
  });

  it("prints token swaps in token mode", async () => {
    const cwd = await makeTempDir();
    const result = await runTextdream(
      [
        "dream",
        "I hate this.",
        "--mode",
        "tokens",
        "--steps",
        "5",
        "--context",
        "10",
        "--out",
        "run",
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. swaps of "I hate this.":');
    expect(result.stdout).toMatch(/ {3}step 1: \S+ -> \S+: /);
    const summary = await readFile(join(cwd, "run", "summary.md"), "utf8");
    expect(summary).toContain("Dreamed sentence: ");
  });

  it("writes a verified preview with --preview", async () => {
    const cwd = await makeTempDir();
    const result = await runTextdream(
      [
        "dream",
        "I hate this.",
        ...FAST,
        "--out",
        "run",
        "--preview",
        "--seed",
        "3",
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const files = await readdir(join(cwd, "run"));
    for (const name of [
      "preview.html",
      "bookmarks.json",
      "layout.svg",
      "layout.png",
    ]) {
      expect(files).toContain(name);
    }
    const layout = await readFile(join(cwd, "run", "layout.json"));
    const verify = await runTextdream(["verify", "run"], { cwd });
    expect(verify.stdout).toContain("ok: ");
    expect(verify.code).toBe(0);
    const again = await runTextdream(["preview", "run"], { cwd });
    expect(again.code).toBe(0);
    const relaid = await readFile(join(cwd, "run", "layout.json"));
    expect(relaid.equals(layout)).toBe(true);
  });
});
