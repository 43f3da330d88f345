import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { verifyRun } from "../../src/projector/verify.js";
import { runTextdream } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { makeTempDir } from "../helpers/temp.js";
import { ACCOUNTS, TOKEN } from "./run-fixture.js";

const PATH_KEYS = ["tensorPath", "metadataPath", "bookmarksPath"] as const;

let fake: FakeGitHub;

beforeEach(async () => {
  fake = await startFakeGitHub(ACCOUNTS);
});

afterEach(async () => {
  await fake.close();
});

/** Exports a six-word GloVe text file into a run directory. */
async function exportedRun(): Promise<string> {
  const dir = await makeTempDir();
  const words = ["good", "bad", "great", "worse", "show", "this"];
  const lines = words.map(
    (word, i) =>
      `${word} ${[1, 2, 3, 4].map((k) => ((i * k) % 7) / 7 - 0.4).join(" ")}`,
  );
  await writeFile(join(dir, "glove.txt"), `${lines.join("\n")}\n`);
  const run = join(dir, "run");
  const result = await runTextdream(["export", "glove.txt", "--out", run], {
    cwd: dir,
  });
  expect(result.stderr).not.toContain("error");
  expect(result.code).toBe(0);
  return run;
}

describe("published run", () => {
  it("links to files verify accepts", async () => {
    const run = await exportedRun();
    const report = await verifyRun(run);
    expect(report.problems).toEqual([]);
    expect(report.points).toBe(6);

    const result = await runTextdream(
      ["publish", run, "--api-url", fake.apiUrl],
      {
        env: { GITHUB_TOKEN: TOKEN },
      },
    );
    expect(result.code).toBe(0);

    const link = new URL(result.stdout.split("projector: ")[1].trim());
    expect(link.origin + link.pathname).toBe(
      "https://projector.tensorflow.org/",
    );
    const configUrl = link.searchParams.get("config")!;
    const response = await fetch(configUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const published = JSON.parse(await response.text()) as {
      embeddings: Array<Record<string, unknown>>;
    };
    const local = JSON.parse(
      await readFile(join(run, "projector_config.json"), "utf8"),
    ) as {
      embeddings: Array<Record<string, unknown>>;
    };

    expect(published.embeddings).toHaveLength(local.embeddings.length);
    for (const [index, embedding] of local.embeddings.entries()) {
      const remote = published.embeddings[index];
      for (const [key, value] of Object.entries(embedding)) {
        if (!(PATH_KEYS as readonly string[]).includes(key)) {
          expect(remote[key]).toEqual(value);
          continue;
        }
        const url = remote[key] as string;
        expect(url.endsWith(`/${value as string}`)).toBe(true);
        const served = await fetch(url);
        expect(served.status).toBe(200);
        expect(Buffer.from(await served.arrayBuffer())).toEqual(
          await readFile(join(run, value as string)),
        );
      }
    }
  });
});
