import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { PublishedRecord } from "../../src/publish/record.js";
import { runTextdream } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import {
  ACCOUNTS,
  expectNoToken,
  hashFiles,
  makeRun,
  NO_SCOPE_TOKEN,
  TOKEN,
} from "./run-fixture.js";

let fake: FakeGitHub;

beforeEach(async () => {
  fake = await startFakeGitHub(ACCOUNTS);
});

afterEach(async () => {
  await fake.close();
});

function publish(
  dir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN },
) {
  return runTextdream(["publish", dir, "--api-url", fake.apiUrl, ...args], {
    env,
  });
}

async function readRecord(dir: string): Promise<PublishedRecord> {
  return JSON.parse(
    await readFile(join(dir, "published.json"), "utf8"),
  ) as PublishedRecord;
}

describe("publish limits", () => {
  it("rejects a 10.5 MB vectors file", async () => {
    const vectors = "0.5\t".repeat(2_625_000).slice(0, -1) + "\n";
    const dir = await makeRun({
      vectors: vectors.slice(0, 10_500_000 - 1) + "\n",
    });
    const result = await publish(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "error: publish cannot upload vectors.tsv: it is 10500000 bytes (10.0 MB), above GitHub's gist limit of 10485760 bytes (10 MB) per file; nothing was uploaded. Make the run smaller: a lower --vocab-size, a smaller --context, or fewer digits per number; or use textdream serve instead of a gist.\n",
    );
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ["empty", "", "empty (0 bytes)"],
    ["blank", "\n\n", "blank (whitespace only)"],
  ])("rejects an %s metadata file", async (_, metadata, words) => {
    const dir = await makeRun({ metadata });
    const result = await publish(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `cannot upload metadata.tsv: it is ${words}`,
    );
    expect(result.stderr).toContain("422");
    expect(fake.requests).toEqual([]);
  });

  it("rejects a run without a token", async () => {
    const dir = await makeRun();
    const result = await publish(dir, [], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("needs a GitHub token with the gist scope");
    expect(result.stderr).toContain(
      "https://github.com/settings/tokens/new?scopes=gist",
    );
    expect(fake.requests).toEqual([]);
  });
});

describe("publish remote errors", () => {
  it("names the missing gist scope on 404", async () => {
    const dir = await makeRun();
    const before = await hashFiles(dir);
    const result = await publish(dir, ["--verbose"], {
      GITHUB_TOKEN: NO_SCOPE_TOKEN,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: POST /gists failed with 404: the GitHub token lacks the gist scope (its scopes: repo, read:org)",
    );
    expect(fake.requests.map((r) => r.status)).toEqual([404]);
    expect(await hashFiles(dir)).toEqual(before);
    await expectNoToken(result, dir);
  });

  it("explains a rejected token", async () => {
    const dir = await makeRun();
    const bad = "ghp_notAKnownToken0000000000000000000003";
    const result = await publish(dir, ["--verbose"], { GITHUB_TOKEN: bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "POST /gists failed with 401 (Bad credentials",
    );
    await expectNoToken(result, dir, [bad]);
  });

  it.each([403, 429] as const)(
    "waits out a secondary %s limit",
    async (status) => {
      const dir = await makeRun();
      fake.inject({
        method: "POST",
        times: 1,
        fault: { kind: "secondary", retryAfter: 1, status },
      });
      const started = Date.now();
      const result = await publish(dir);
      expect(result.code).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(result.stderr).toContain(
        "GitHub secondary rate limit on POST /gists: waiting 1 s as the response asks (1 of at most 60 s)",
      );
      expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
        `POST ${status}`,
        "POST 201",
        "PATCH 200",
      ]);
    },
  );

  it("waits out a primary rate limit", async () => {
    const dir = await makeRun();
    fake.inject({
      method: "POST",
      times: 1,
      fault: { kind: "primary", resetInSeconds: 1 },
    });
    const result = await publish(dir, ["--max-wait", "5"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /GitHub primary rate limit on POST \/gists: waiting [23] s/,
    );
  });

  it("names the reset of a primary limit", async () => {
    const dir = await makeRun();
    fake.inject({
      times: Infinity,
      fault: { kind: "primary", resetInSeconds: 600 },
    });
    const result = await publish(dir, ["--max-wait", "5"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: POST \/gists hit GitHub's rate limit: the limit resets at \d{4}-\d\d-\d\dT[\d:.]+Z, beyond the --max-wait bound of 5 s \(already waited 0 s\)/,
    );
    expect(fake.requests.length).toBe(1);
  });

  it("gives up when the limit outlasts --max-wait", async () => {
    const dir = await makeRun();
    const before = await hashFiles(dir);
    fake.inject({
      times: Infinity,
      fault: { kind: "secondary", retryAfter: 30 },
    });
    const result = await publish(dir, ["--max-wait", "2"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "error: POST /gists hit GitHub's rate limit: GitHub requested a wait of 30 s, beyond the --max-wait bound of 2 s (already waited 0 s); nothing more was sent and the run's data files are untouched. Run publish again later (it resumes from published.json) or raise --max-wait.\n",
    );
    expect(fake.requests.length).toBe(1);
    expect(await hashFiles(dir)).toEqual(before);
    await expectNoToken(result, dir);
  });

  it("keeps the data write when the config write is limited", async () => {
    const dir = await makeRun();
    fake.inject({
      method: "PATCH",
      times: Infinity,
      fault: { kind: "secondary", retryAfter: 30 },
    });
    const failed = await publish(dir, ["--max-wait", "0"]);
    expect(failed.code).toBe(1);
    const record = await readRecord(dir);
    expect(record.complete).toBe(false);
    expect(Object.keys(record.files)).toEqual([
      "vectors.tsv",
      "metadata.tsv",
      "bookmarks.json",
    ]);
    fake.clearFaults();
    const before = fake.requests.length;
    expect((await publish(dir)).code).toBe(0);
    expect(
      fake.requests.slice(before).map((r) => `${r.method} ${r.files}`),
    ).toEqual(["GET ", "PATCH projector_config.json"]);
  });

  it("retries a 500 then succeeds", async () => {
    const dir = await makeRun();
    fake.inject({
      method: "POST",
      times: 1,
      fault: { kind: "status", status: 500 },
    });
    const result = await publish(dir, ["--retries", "1"]);
    expect(result.code).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "POST 500",
      "POST 201",
      "PATCH 200",
    ]);
    expect(fake.gists.size).toBe(1);
  });

  it("completes the same gist after a dropped connection", async () => {
    const dir = await makeRun();
    fake.inject({ method: "PATCH", times: Infinity, fault: { kind: "drop" } });
    const failed = await publish(dir, ["--retries", "0", "--verbose"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      "failed after its retries: no answer from the server",
    );
    await expectNoToken(failed, dir);
    const partial = await readRecord(dir);
    expect(partial.complete).toBe(false);
    fake.clearFaults();
    const before = fake.requests.length;
    const result = await publish(dir);
    expect(result.code).toBe(0);
    expect(fake.gists.size).toBe(1);
    expect(
      fake.requests
        .slice(before)
        .map((r) => `${r.method} ${r.path} ${r.files}`),
    ).toEqual([
      `GET /gists/${partial.gistId} `,
      `PATCH /gists/${partial.gistId} projector_config.json`,
    ]);
    const record = await readRecord(dir);
    expect(record.complete).toBe(true);
    expect(record.dataRevision).toBe(partial.dataRevision);
  });

  it("redacts a token echoed by the server", async () => {
    const dir = await makeRun();
    fake.inject({ times: Infinity, fault: { kind: "echo" } });
    const result = await publish(dir, [
      "--retries",
      "0",
      "--verbose",
      "--json",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Server Error for token [REDACTED]");
    await expectNoToken(result, dir);
  });

  it("reports a 422 from GitHub", async () => {
    const dir = await makeRun();
    fake.inject({ method: "POST", times: 1, fault: { kind: "validation" } });
    const result = await publish(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "POST /gists failed with 422 (Validation Failed",
    );
    await expectNoToken(result, dir);
  });

  it("explains a gist deleted on GitHub", async () => {
    const dir = await makeRun();
    await publish(dir);
    fake.gists.clear();
    const result = await publish(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "failed with 404: the gist does not exist or is not yours",
    );
    expect(result.stderr).toContain("delete published.json");
    await expectNoToken(result, dir);
  });

  it("rejects a broken published.json", async () => {
    const dir = await makeRun();
    await writeFile(join(dir, "published.json"), "{}");
    const result = await publish(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not a textdream publish record");
    expect(fake.requests).toEqual([]);
  });
});
