import { copyFile } from "node:fs/promises";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";

import { previewRun } from "../../src/preview/index.js";
import { makeTempDir } from "../helpers/temp.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium.js";
import { writeFixtureRun } from "./run-fixture.js";

// The standalone Embedding Projector page (index.html of
// tensorflow/embedding-projector-standalone), copied to disk beforehand.
// The test needs no network: the page and the run are served on 127.0.0.1.
const PROJECTOR_INDEX = process.env.TEXTDREAM_PROJECTOR_INDEX;
const STATE_PROJECTION = "umap";

describe.skipIf(!PROJECTOR_INDEX)("bookmark in the real projector", () => {
  it("keeps the saved layout", async () => {
    const dir = await makeTempDir();
    const points = await writeFixtureRun(dir);
    await previewRun(dir, { seed: 7 });
    const page = (await readFile(PROJECTOR_INDEX!, "utf8")).replace(
      /projector-config-json-path="[^"]*"/,
      'projector-config-json-path="projector_config.json"',
    );
    await copyFile(PROJECTOR_INDEX!, join(dir, "original.html"));
    const server = await serve(dir, page);
    const profile = await makeTempDir("textdream-chromium-");
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        "--use-gl=swiftshader",
        "--enable-unsafe-swiftshader",
      ],
    });
    try {
      const tab = await context.newPage();
      const port = (server.address() as AddressInfo).port;
      await tab.goto(`http://127.0.0.1:${port}/index.html`);
      await tab.waitForFunction(
        "document.querySelector('vz-projector-bookmark-panel')?.savedStates?.length === 1",
        undefined,
        { timeout: 60_000 },
      );
      // The projector shows PCA once the data set is loaded; a state loaded
      // earlier would be replaced by that first projection.
      await tab.waitForFunction(
        "document.querySelector('vz-projector')?.projection?.projectionType === 'pca'",
        undefined,
        { timeout: 60_000 },
      );
      await tab.evaluate(
        "document.querySelector('vz-projector-bookmark-panel').loadSavedState(0)",
      );
      // The projector reacts to a loaded state asynchronously, so the check
      // waits for those reactions before it reads the positions.
      await tab.waitForTimeout(3000);
      const loaded = await tab.evaluate(`(() => {
        const panel = document.querySelector('vz-projector-bookmark-panel');
        const projector = document.querySelector('vz-projector');
        const keys = projector.projection.projectionComponents;
        const state = panel.savedStates[0];
        const moved = projector.dataSet.points.filter((point, i) =>
          point.projections[keys[0]] !== state.projections[i][keys[0]] ||
          point.projections[keys[1]] !== state.projections[i][keys[1]]);
        return {
          type: projector.projection.projectionType,
          points: projector.dataSet.points.length,
          moved: moved.length,
        };
      })()`);
      expect(loaded).toEqual({ type: STATE_PROJECTION, points, moved: 0 });
      await tab.screenshot({ path: join(dir, "projector.png") });
      if (process.env.TEXTDREAM_KEEP_SCREENSHOT) {
        await copyFile(
          join(dir, "projector.png"),
          join(process.env.TEXTDREAM_KEEP_SCREENSHOT, "projector.png"),
        );
      }
    } finally {
      await context.close();
      server.close();
    }
  });
});

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".json": "application/json",
  ".tsv": "text/tab-separated-values",
};

/** Serves `dir` on 127.0.0.1, with `page` as index.html. */
async function serve(dir: string, page: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(request.url!.split("?")[0]!));
    if (path === "/index.html") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(page);
      return;
    }
    try {
      const body = await readFile(join(dir, path));
      response.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return server;
}
