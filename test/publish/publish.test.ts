import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { PublishedRecord } from "../../src/publish/record.js";
import { runTextdream } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { makeTempDir } from "../helpers/temp.js";
import { ACCOUNTS, expectNoToken, makeRun, TOKEN } from "./run-fixture.js";

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

function writes() {
  return fake.requests
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path} ${r.files.join(",")}`);
}

describe("publish", () => {
  it("pins config paths to raw URLs", async () => {
    const dir = await makeRun();
    const result = await publish(dir);
    expect(result.stderr).toBe(
      "uploaded: vectors.tsv, metadata.tsv, bookmarks.json, projector_config.json; unchanged: none\n",
    );
    expect(result.code).toBe(0);

    const [gist] = fake.gists.values();
    const [configRevision, dataRevision] = gist.revisions.map((r) => r.version);
    const base = `${fake.gistOrigin}/octocat/${gist.id}/raw`;
    expect(writes()).toEqual([
      "POST /gists vectors.tsv,metadata.tsv,bookmarks.json",
      `PATCH /gists/${gist.id} projector_config.json`,
    ]);
    const config = JSON.parse(
      gist.revisions[0].files.get("projector_config.json")!,
    );
    expect(config.embeddings[0]).toEqual({
      tensorName: "textdream",
      tensorShape: [4, 3],
      tensorPath: `${base}/${dataRevision}/vectors.tsv`,
      metadataPath: `${base}/${dataRevision}/metadata.tsv`,
      bookmarksPath: `${base}/${dataRevision}/bookmarks.json`,
    });

    const configUrl = `${base}/${configRevision}/projector_config.json`;
    expect(result.stdout).toBe(
      `gist: ${fake.gistOrigin}/octocat/${gist.id}\nprojector: https://projector.tensorflow.org/?config=${encodeURIComponent(configUrl)}\n`,
    );
    const link = new URL(result.stdout.split("projector: ")[1].trim());
    expect(fake.requests.map((r) => r.apiVersion)).toEqual([
      "2022-11-28",
      "2022-11-28",
    ]);
    expect(link.searchParams.get("config")).toBe(configUrl);
    await expectNoToken(result, dir);
  });

  it("serves every pinned URL with CORS", async () => {
    const dir = await makeRun();
    await publish(dir);
    const record = await readRecord(dir);
    for (const [name, file] of Object.entries(record.files)) {
      const response = await fetch(file.rawUrl);
      expect(response.status, name).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const body = await response.text();
      if (name !== "projector_config.json") {
        expect(body).toBe(await readFile(join(dir, name), "utf8"));
      }
    }
  });

  it("records the gist in published.json", async () => {
    const dir = await makeRun();
    await publish(dir);
    const record = await readRecord(dir);
    const [gist] = fake.gists.values();
    expect(gist.public).toBe(false);
    expect(gist.description).toBe(
      'textdream: "I hate this." · "I love this show."',
    );
    expect(record).toMatchObject({
      format: "textdream-published",
      gistId: gist.id,
      owner: "octocat",
      public: false,
      complete: true,
      revision: gist.revisions[0].version,
      dataRevision: gist.revisions[1].version,
      apiUrl: fake.apiUrl,
    });
    expect(Object.keys(record.files).sort()).toEqual([
      "bookmarks.json",
      "metadata.tsv",
      "projector_config.json",
      "vectors.tsv",
    ]);
    expect(Number.isNaN(Date.parse(record.publishedAt))).toBe(false);
  });

  it("prints the record with --json", async () => {
    const dir = await makeRun();
    const result = await publish(dir, [
      "--json",
      "--public",
      "--description",
      "My dream",
    ]);
    expect(JSON.parse(result.stdout)).toEqual(await readRecord(dir));
    const [gist] = fake.gists.values();
    expect(gist.public).toBe(true);
    expect(gist.description).toBe("My dream");
  });

  it("writes the blog snippet", async () => {
    const dir = await makeRun();
    await writeFile(join(dir, "objective.svg"), "<svg/>");
    await writeFile(join(dir, "objective.png"), "png");
    await writeFile(join(dir, "layout.svg"), "<svg/>");
    await publish(dir);
    const record = await readRecord(dir);
    const snippet = await readFile(join(dir, "blog-snippet.md"), "utf8");
    expect(snippet).toContain(`](${record.projectorUrl})`);
    expect(snippet).toContain("> I hate this.");
    expect(snippet).toContain(
      "Each sentence's dream is drawn as a path. Open the bookmarks tray to load the saved layout.",
    );
    expect(snippet).toContain("| before dreaming | this, it, even |");
    expect(snippet).toContain("| after 100 steps | bad, worse, nothing |");
    expect(snippet).toContain("| after 100 steps | great, unique, fun |");
    expect(snippet).toContain(
      "![Objective value at each dreaming step](objective.png)",
    );
    expect(snippet).toContain("(layout.svg)");
    expect(snippet).not.toContain("neighbors.");
    expect(snippet).not.toMatch(/\{\{|\n\n\n/);
  });

  it("sends only changed files on re-publish", async () => {
    const dir = await makeRun();
    await publish(dir);
    const before = fake.requests.length;
    const metadata = await readFile(join(dir, "metadata.tsv"), "utf8");
    await writeFile(
      join(dir, "metadata.tsv"),
      metadata.replace("start", "begin"),
    );
    const result = await publish(dir);
    expect(result.code).toBe(0);
    const [gist] = fake.gists.values();
    expect(fake.gists.size).toBe(1);
    const again = fake.requests
      .slice(before)
      .map((r) => `${r.method} ${r.files.join(",")}`);
    expect(again).toEqual([
      "GET ",
      "PATCH metadata.tsv",
      "PATCH projector_config.json",
    ]);
    const config = JSON.parse(
      gist.revisions[0].files.get("projector_config.json")!,
    );
    expect(config.embeddings[0].metadataPath).toBe(
      `${fake.gistOrigin}/octocat/${gist.id}/raw/${gist.revisions[1].version}/metadata.tsv`,
    );
    expect(result.stderr).toContain("unchanged: vectors.tsv, bookmarks.json");
  });

  it("sends no writes when unchanged", async () => {
    const dir = await makeRun();
    const first = await publish(dir);
    const before = fake.requests.length;
    const second = await publish(dir);
    expect(second.code).toBe(0);
    expect(fake.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
    expect(second.stdout).toBe(first.stdout);
  });

  it("updates only the description", async () => {
    const dir = await makeRun();
    await publish(dir);
    const before = fake.requests.length;
    const result = await publish(dir, ["--description", "Second title"]);
    expect(result.code).toBe(0);
    const [gist] = fake.gists.values();
    expect(gist.description).toBe("Second title");
    expect(gist.revisions).toHaveLength(2);
    const again = fake.requests.slice(before);
    expect(again.map((r) => `${r.method} ${r.files.join(",")}`)).toEqual([
      "GET ",
      "PATCH ",
    ]);
    expect((await readRecord(dir)).description).toBe("Second title");
  });

  it("documents units and defaults in --help", async () => {
    const result = await runTextdream(["publish", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--max-wait <seconds>");
    expect(result.stdout).toContain("(default: 60)");
    expect(result.stdout).toContain("--retries <count>");
    expect(result.stdout).toContain("--token-file <path>");
    expect(result.stdout).not.toMatch(/--token\b(?!-file)/);
  });

  it("updates the gist named by --gist-id", async () => {
    const dir = await makeRun();
    await publish(dir);
    const [gist] = fake.gists.values();
    const other = await makeRun({
      metadata: "word\nw1\nw2\nw3\nw4\n",
      bookmarks: null,
    });
    const result = await publish(other, ["--gist-id", gist.id]);
    expect(result.code).toBe(0);
    expect(fake.gists.size).toBe(1);
    expect(writes().slice(2)).toEqual([
      `PATCH /gists/${gist.id} vectors.tsv,metadata.tsv`,
      `PATCH /gists/${gist.id} projector_config.json`,
    ]);
  });

  it("compares hashes, not truncated content", async () => {
    const row = `${Array.from({ length: 3 }, () => "0.123456789").join("\t")}\n`;
    const vectors = row.repeat(Math.ceil((1.5 * 1024 * 1024) / row.length));
    const rows = vectors.split("\n").length - 1;
    const metadata = `${Array.from({ length: rows }, (_, i) => `w${i}`).join("\n")}\n`;
    const dir = await makeRun({ vectors, metadata, bookmarks: null });
    expect((await publish(dir)).code).toBe(0);
    const [gist] = fake.gists.values();
    const api = await fetch(`${fake.apiUrl}/gists/${gist.id}`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    const body = (await api.json()) as {
      files: Record<string, { truncated: boolean; content: string }>;
    };
    const file = body.files["vectors.tsv"];
    expect(file.truncated).toBe(true);
    expect(file.content.length).toBe(1024 * 1024);
    const record = await readRecord(dir);
    expect(await (await fetch(record.files["vectors.tsv"].rawUrl)).text()).toBe(
      vectors,
    );
    const before = fake.requests.length;
    await publish(dir);
    expect(fake.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
  });

  it("prints requests on --dry-run", async () => {
    const dir = await makeRun();
    const result = await publish(dir, ["--dry-run"], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "POST /gists vectors.tsv (46 bytes), metadata.tsv (112 bytes), bookmarks.json (38 bytes)\n" +
        "PATCH /gists/<id from the first response> projector_config.json (size known after the data write)\n",
    );
    expect(result.stderr).toContain("warning: no token found");
    expect(fake.requests).toEqual([]);
    await expect(readFile(join(dir, "published.json"))).rejects.toThrow();
  });

  it("plans only changed files on --dry-run", async () => {
    const dir = await makeRun();
    await publish(dir);
    const [gist] = fake.gists.values();
    await writeFile(
      join(dir, "vectors.tsv"),
      "1\t2\t3\n4\t5\t6\n7\t8\t9\n0\t0\t1\n",
    );
    const before = fake.requests.length;
    const result = await publish(dir, ["--dry-run", "--json"]);
    expect(JSON.parse(result.stdout).requests).toEqual([
      { method: "GET", path: `/gists/${gist.id}`, files: [] },
      {
        method: "PATCH",
        path: `/gists/${gist.id}`,
        files: [{ name: "vectors.tsv", size: 24 }],
      },
      {
        method: "PATCH",
        path: `/gists/${gist.id}`,
        files: [{ name: "projector_config.json" }],
      },
    ]);
    expect(fake.requests.length).toBe(before);
  });
});

describe("publish token sources", () => {
  it.each([
    ["GITHUB_TOKEN", { GITHUB_TOKEN: TOKEN, GH_TOKEN: "ghp_wrong" }, false],
    ["GH_TOKEN", { GH_TOKEN: TOKEN }, false],
    ["--token-file over env", { GITHUB_TOKEN: "ghp_wrong" }, true],
  ])("authenticates from %s", async (_, env, useFile) => {
    const dir = await makeRun();
    const tokenDir = await makeTempDir();
    const tokenFile = join(tokenDir, "token");
    await writeFile(tokenFile, `${TOKEN}\n`);
    const args = useFile ? ["--token-file", tokenFile] : [];
    const result = await publish(dir, args, env);
    expect(result.code).toBe(0);
    expect(fake.requests[0].authorization).toBe(`token ${TOKEN}`);
    await expectNoToken(result, dir);
  });
});
