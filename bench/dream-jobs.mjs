// Times `textdream dream --file <200 sentences> --mode both` with --jobs 1
// and --jobs 2 as whole processes, alternating, and prints the speed-up.
//
//   npm run build && node bench/dream-jobs.mjs [runs] [sentences]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { loadVocabulary } from "../dist/index.js";
import { BENCH_DIR, printTable, timeProcesses } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 3);
const count = Number(process.argv[3] ?? 200);
const require = createRequire(import.meta.url);
const corpus = require("sentiment/test/fixtures/imdb.json");
const work = mkdtempSync(join(tmpdir(), "textdream-bench-jobs-"));
const file = join(work, "sentences.txt");
writeFileSync(
  file,
  corpus
    .slice(0, count)
    .map((row) => row.text.replace(/\s+/g, " ").trim())
    .join("\n") + "\n",
);
await loadVocabulary();

const command = (jobs) => [
  process.execPath,
  join(BENCH_DIR, "..", "bin", "textdream.js"),
  "dream",
  "--file",
  file,
  "--mode",
  "both",
  "--context",
  "0",
  "--jobs",
  String(jobs),
  "--out",
  join(work, `jobs-${jobs}`),
  "--force",
];
const [one, two] = timeProcesses([command(1), command(2)], { runs });
rmSync(work, { recursive: true, force: true });

printTable(`dream --mode both over ${count} sentences (whole process)`, [
  {
    stage: "--jobs 2",
    textdream: two.wall,
    anchor: "--jobs 1",
    other: one.wall,
    target: ">= 1.6x",
  },
]);
