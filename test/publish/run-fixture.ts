import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";

import type { TrajectoryFile } from "../../src/dream/trajectory.js";
import type { CliResult } from "../helpers/cli.js";
import type { FakeAccount } from "../helpers/fake-github.js";
import { makeTempDir } from "../helpers/temp.js";

/** Token the fake accepts, with the gist scope. */
export const TOKEN = "ghp_TESTtokenWITHgistScope000000000000001";
/** Token the fake accepts, without the gist scope. */
export const NO_SCOPE_TOKEN = "ghp_TESTtokenWITHOUTgistScope0000000002";

/** Accounts of the fake server by token. */
export const ACCOUNTS: Record<string, FakeAccount> = {
  [TOKEN]: { login: "octocat", id: 1, scopes: ["gist", "repo"] },
  [NO_SCOPE_TOKEN]: { login: "octocat", id: 1, scopes: ["repo", "read:org"] },
};

const SENTENCES = ["I hate this.", "I love this show."];

function trajectory(): TrajectoryFile {
  const step = (s: number, row: number, words: string[]) => ({
    step: s,
    row,
    objective: s,
    probabilities: [0.5, 0.5],
    predicted: "positive",
    neighbors: words.map((word, i) => ({ word, similarity: 0.9 - i / 10 })),
  });
  return {
    format: "textdream-trajectory",
    version: 1,
    labels: ["negative", "positive"],
    objective: "norm:fc2",
    minimize: false,
    sentences: SENTENCES.map((text, index) => ({
      index,
      text,
      tokens: text.toLowerCase().split(" "),
      mode: "continuous",
      stopReason: "steps",
      steps: [
        step(
          0,
          index * 2,
          index ? ["this", "show", "it"] : ["this", "it", "even"],
        ),
        step(
          100,
          index * 2 + 1,
          index ? ["great", "unique", "fun"] : ["bad", "worse", "nothing"],
        ),
      ],
    })),
  };
}

/** Overrides of {@link makeRun}'s files; `null` leaves a file out. */
export interface RunOverrides {
  vectors?: string;
  metadata?: string;
  bookmarks?: string | null;
  /** Directory to write into; default a new temporary directory. */
  dir?: string;
}

/**
 * Writes a small run directory by hand with the files `textdream dream`
 * writes: 4 points of 3 dimensions, metadata with a sequence column,
 * bookmarks, trajectory, manifest and summary.
 */
export async function makeRun(overrides: RunOverrides = {}): Promise<string> {
  const dir = overrides.dir ?? (await makeTempDir("textdream-publish-"));
  await mkdir(dir, { recursive: true });
  const vectors =
    overrides.vectors ??
    "0.1\t0.2\t0.3\n0.4\t0.5\t0.6\n-0.1\t-0.2\t-0.3\n1\t0\t-1\n";
  const metadata =
    overrides.metadata ??
    "label\tkind\t__seq_next__\nI hate this.\tstart\t1\nI hate this.\tend\t\nI love this show.\tstart\t3\nI love this show.\tend\t\n";
  const bookmarks =
    overrides.bookmarks === undefined
      ? `${JSON.stringify([{ label: "layout", projections: [] }])}\n`
      : overrides.bookmarks;
  const rows = vectors.split("\n").filter(Boolean).length;
  const embedding = {
    tensorName: "textdream",
    tensorShape: [rows, 3],
    tensorPath: "vectors.tsv",
    metadataPath: "metadata.tsv",
    ...(bookmarks === null ? {} : { bookmarksPath: "bookmarks.json" }),
  };
  const files: Record<string, string> = {
    "vectors.tsv": vectors,
    "metadata.tsv": metadata,
    "projector_config.json": `${JSON.stringify({ embeddings: [embedding] }, null, 2)}\n`,
    "trajectory.json": `${JSON.stringify(trajectory(), null, 2)}\n`,
    "manifest.json": `${JSON.stringify({ format: "textdream-run" })}\n`,
    "summary.md": "# Summary\n",
    ...(bookmarks === null ? {} : { "bookmarks.json": bookmarks }),
  };
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Returns sha256 per file name of every file in `dir`. */
export async function hashFiles(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const bytes = await readFile(join(dir, name));
    hashes[name] = createHash("sha256").update(bytes).digest("hex");
  }
  return hashes;
}

/** Asserts that no token appears in the output or in any file of `dir`. */
export async function expectNoToken(
  result: CliResult,
  dir: string,
  tokens: string[] = [TOKEN, NO_SCOPE_TOKEN],
): Promise<void> {
  for (const token of tokens) {
    expect(result.stdout).not.toContain(token);
    expect(result.stderr).not.toContain(token);
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), "latin1");
      expect(text, name).not.toContain(token);
    }
  }
}
