// Builds the GloVe vocabulary cache once per test run, so every test file
// that loads the vocabulary reads the binary cache instead of parsing the
// 307 MB JSON. Set TEXTDREAM_TEST_CACHE_DIR to keep the cache between runs.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

import { loadVocabulary } from "../src/embeddings/index.js";
import { nativeKernelPath } from "../src/embeddings/native-kernel.js";
import { kernelPath } from "../src/embeddings/wasm-kernel.js";

declare module "vitest" {
  export interface ProvidedContext {
    textdreamCacheDir: string;
  }
}

/**
 * Builds the shared vocabulary cache, points TEXTDREAM_CACHE_DIR at it and
 * compiles the search kernels when `npm run build` has not run yet.
 */
export default async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  const persistentDir = process.env.TEXTDREAM_TEST_CACHE_DIR;
  const cacheDir =
    persistentDir ?? (await mkdtemp(join(tmpdir(), "textdream-test-cache-")));
  if (!existsSync(kernelPath())) {
    execFileSync("npm", ["run", "--silent", "build:wasm"], {
      stdio: "inherit",
    });
  }
  if (!existsSync(nativeKernelPath())) {
    execFileSync("npm", ["run", "--silent", "build:native"], {
      stdio: "inherit",
    });
  }
  await loadVocabulary({ cacheDir });
  process.env.TEXTDREAM_CACHE_DIR = cacheDir;
  project.provide("textdreamCacheDir", cacheDir);
  return async () => {
    if (!persistentDir) await rm(cacheDir, { recursive: true, force: true });
  };
}
