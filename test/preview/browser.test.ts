import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";

import { previewRun } from "../../src/preview/index.js";
import { makeTempDir } from "../helpers/temp.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium.js";
import { writeFixtureRun } from "./run-fixture.js";

const SCRIPT_LABEL = "<script>window.__injected = 1</script>";

describe("preview page in chromium", () => {
  it("draws points, paths and slider", async () => {
    const dir = await makeTempDir();
    const points = await writeFixtureRun(dir, { firstLabel: SCRIPT_LABEL });
    await previewRun(dir, { seed: 7 });
    const profile = await makeTempDir("textdream-chromium-");
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    const errors: string[] = [];
    const requests: string[] = [];
    try {
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) requests.push(request.url());
      });
      const url = pathToFileURL(join(dir, "preview.html")).href;
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]");

      expect(await page.locator("circle.point").count()).toBe(points);
      expect(await page.locator("#paths polyline").count()).toBe(2);

      await page.locator("#step-slider").fill("3");
      const after = await page.locator("#step-neighbors li").allTextContents();
      expect(after[0]).toContain("near03a (0.87)");
      expect(after[1]).toContain("near13a (0.87)");

      // The first word may lie under a dream point, so the test sends the
      // mouse event to its circle directly instead of moving the mouse.
      await page
        .locator("circle.point")
        .first()
        .dispatchEvent("mousemove", { clientX: 10, clientY: 10 });
      expect(await page.locator("#tooltip").textContent()).toBe(SCRIPT_LABEL);
      expect(await page.evaluate('"__injected" in window')).toBe(false);

      await page.selectOption("#color-by", "valence");
      const shot = join(dir, "preview.png");
      await page.screenshot({ path: shot, fullPage: true });
      await keepScreenshot(shot);
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});

/** Copies the screenshot out when TEXTDREAM_KEEP_SCREENSHOT names a dir. */
async function keepScreenshot(path: string): Promise<void> {
  const keep = process.env.TEXTDREAM_KEEP_SCREENSHOT;
  if (!keep) return;
  await mkdir(keep, { recursive: true });
  await copyFile(path, join(keep, "preview.png"));
}
