import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { serveRun, type ServedRun } from "../../src/serve/server.js";
import { runTextdream } from "../helpers/cli.js";
import { makeTempDir } from "../helpers/temp.js";
import { makeRun } from "../publish/run-fixture.js";

const SECRET = "SECRET-OUTSIDE-THE-RUN";
let served: ServedRun | undefined;

afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** Sends `path` byte for byte (fetch would normalize dot segments). */
function rawGet(
  port: number,
  path: string,
  method = "GET",
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method, headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Builds `<tmp>/run` with a secret file beside it and a symlink out. */
async function runWithNeighbours(): Promise<string> {
  const parent = await makeTempDir();
  const dir = await makeRun({ dir: join(parent, "run") });
  await writeFile(join(parent, "manifest.json"), SECRET);
  await writeFile(join(parent, "outside.md"), SECRET);
  await rm(join(dir, "summary.md"));
  await symlink(join(parent, "outside.md"), join(dir, "summary.md"));
  return dir;
}

describe("serveRun", () => {
  it("serves run files with CORS", async () => {
    const dir = await makeRun();
    served = await serveRun(dir);
    expect(served.url).toBe(`http://127.0.0.1:${served.port}/`);
    const response = await fetch(`${served.url}vectors.tsv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(
      await readFile(join(dir, "vectors.tsv"), "utf8"),
    );
  });

  it("rewrites the config to absolute URLs", async () => {
    const dir = await makeRun();
    served = await serveRun(dir);
    const config = (await (await fetch(served.configUrl)).json()) as {
      embeddings: Array<Record<string, string>>;
    };
    expect(config.embeddings[0]).toEqual({
      tensorName: "textdream",
      tensorShape: [4, 3],
      tensorPath: `${served.url}vectors.tsv`,
      metadataPath: `${served.url}metadata.tsv`,
      bookmarksPath: `${served.url}bookmarks.json`,
    });
    for (const key of ["tensorPath", "metadataPath", "bookmarksPath"]) {
      expect((await fetch(config.embeddings[0][key])).status).toBe(200);
    }
    expect(served.projectorUrl).toBe(
      `https://projector.tensorflow.org/?config=${encodeURIComponent(served.configUrl)}`,
    );
  });

  it("answers the private-network preflight", async () => {
    served = await serveRun(await makeRun());
    const result = await rawGet(
      served.port,
      "/projector_config.json",
      "OPTIONS",
      {
        origin: "https://projector.tensorflow.org",
        "access-control-request-method": "GET",
        "access-control-request-private-network": "true",
      },
    );
    expect(result.status).toBe(204);
    expect(result.headers["access-control-allow-origin"]).toBe("*");
    expect(result.headers["access-control-allow-private-network"]).toBe("true");
    expect(result.headers["access-control-allow-methods"]).toBe(
      "GET, HEAD, OPTIONS",
    );
  });

  it.each([
    "/../manifest.json",
    "/..%2fmanifest.json",
    "/..%2Fmanifest.json",
    "/%2e%2e/manifest.json",
    "/%2e%2e%2fmanifest.json",
    "/./../manifest.json",
    "/..\\manifest.json",
    "/run/../../manifest.json",
    "/outside.md",
    "/summary.md",
    "/",
    "/%",
    "/vectors.tsv/",
    "/vectors.tsv%00",
    "/.",
  ])("answers 404 for %s", async (path) => {
    const dir = await runWithNeighbours();
    served = await serveRun(dir);
    const result = await rawGet(served.port, path);
    expect(result.status).toBe(404);
    expect(result.body).not.toContain(SECRET);
  });

  it("serves the run's own manifest", async () => {
    const dir = await runWithNeighbours();
    served = await serveRun(dir);
    const result = await rawGet(served.port, "/manifest.json");
    expect(result.status).toBe(200);
    expect(result.body).toBe(
      await readFile(join(dir, "manifest.json"), "utf8"),
    );
  });

  it("skips a run name that is a directory", async () => {
    const dir = await makeRun();
    await mkdir(join(dir, "layout.json"));
    served = await serveRun(dir);
    expect((await rawGet(served.port, "/layout.json")).status).toBe(404);
  });

  it("rejects other methods", async () => {
    served = await serveRun(await makeRun());
    const result = await rawGet(served.port, "/vectors.tsv", "DELETE");
    expect(result.status).toBe(405);
  });

  it("rejects a directory without config", async () => {
    const dir = await makeTempDir();
    await expect(serveRun(dir)).rejects.toThrow(
      /found no projector_config.json/,
    );
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function waitForServer(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await rawGet(port, "/vectors.tsv");
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 20));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

describe("serve command", () => {
  it("prints the link and stops on interrupt", async () => {
    const dir = await makeRun();
    const port = await freePort();
    let interrupt = () => {};
    const interrupted = new Promise<void>((done) => (interrupt = done));
    const running = runTextdream(["serve", dir, "--port", String(port)], {
      interrupted,
    });
    await waitForServer(port);
    expect((await rawGet(port, "/metadata.tsv")).status).toBe(200);
    interrupt();
    const result = await running;
    expect(result.code).toBe(0);
    const configUrl = `http://127.0.0.1:${port}/projector_config.json`;
    expect(result.stdout).toBe(
      `serving: http://127.0.0.1:${port}/\nprojector: https://projector.tensorflow.org/?config=${encodeURIComponent(configUrl)}\n`,
    );
    await expect(rawGet(port, "/metadata.tsv")).rejects.toThrow();
  });

  it("documents the port in --help", async () => {
    const result = await runTextdream(["serve", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--port <port>");
    expect(result.stdout).toContain("(default: 0)");
  });

  it("rejects a busy port", async () => {
    const first = await serveRun(await makeRun());
    served = first;
    const result = await runTextdream([
      "serve",
      await makeRun(),
      "--port",
      String(first.port),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `could not listen on 127.0.0.1:${first.port} (EADDRINUSE)`,
    );
  });
});
