// Benchmarks the 2-D UMAP layout against umap-learn on the same 5,000
// GloVe word vectors in one run. Each layout runs once per seed. The table
// gives the median time per layout and the mean neighbourhood preservation
// over the seeds. Preservation is the share of each point's 15 nearest
// input neighbours that stay among its 15 nearest in the layout. One seed
// is not enough, because preservation moves by about 0.003 between seeds.
//
//   npm run build && node bench/layout.mjs [--points 5000]
//     [--epochs 500,600] [--seeds 1,2,3,4,7] [--init random]
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  DEFAULT_UMAP_EPOCHS,
  loadVocabulary,
  neighborhoodPreservation,
  umapLayout,
} from "../dist/index.js";
import { machineLine, median, runPython } from "./harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const POINTS = Number(option("points", 5000));
const EPOCHS = option("epochs", `500,${DEFAULT_UMAP_EPOCHS}`)
  .split(",")
  .map(Number);
const SEEDS = option("seeds", "1,2,3,4,7").split(",").map(Number);
const INITS = option("init", "random").split(",");
const METRIC = "cosine";

const vocabulary = await loadVocabulary({ vocabSize: POINTS });
const matrix = {
  rows: POINTS,
  dim: vocabulary.dim,
  values: vocabulary.matrix.slice(0, POINTS * vocabulary.dim),
};
const preservation = (layout) =>
  neighborhoodPreservation(matrix, layout, { metric: METRIC });
const mean = (values) => values.reduce((s, v) => s + v, 0) / values.length;

/** Lays out once per seed; returns per-layout times, CPU and mean quality. */
async function measure(options) {
  await umapLayout(matrix, { ...options, seed: 0 }); // warm-up
  const seconds = [];
  const cpu = [];
  const quality = [];
  for (const seed of SEEDS) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const layout = await umapLayout(matrix, { ...options, seed });
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1e6);
    quality.push(await preservation(layout));
  }
  return { seconds, cpu, quality };
}

const rows = [];
for (const init of INITS) {
  for (const epochs of EPOCHS) {
    const threads = [["two threads", true]];
    if (epochs === DEFAULT_UMAP_EPOCHS) threads.push(["one thread", false]);
    for (const [label, parallel] of threads) {
      const result = await measure({ epochs, init, metric: METRIC, parallel });
      const name = `textdream, ${init} init, ${epochs} epochs, ${label}`;
      rows.push({ name, ...result });
    }
  }
}

const dir = await mkdtemp(join(tmpdir(), "textdream-layout-bench-"));
try {
  const input = join(dir, "matrix.f32");
  const output = join(dir, "embedding");
  await writeFile(input, new Uint8Array(matrix.values.buffer));
  const runs = [
    ["umap-learn, seeded, default epochs (500)", SEEDS.map(String)],
    ["umap-learn, unseeded (parallel), default epochs", ["none"]],
  ];
  for (const [name, seeds] of runs) {
    const result = runPython("layout_umap.py", [
      input,
      String(POINTS),
      String(matrix.dim),
      output,
      "15",
      "0.1",
      METRIC,
      seeds.join(","),
    ]);
    const quality = [];
    for (const seed of seeds) {
      const bytes = await readFile(`${output}-${seed}.f64`);
      const layout = new Float64Array(
        bytes.buffer,
        bytes.byteOffset,
        POINTS * 2,
      );
      quality.push(await preservation(layout));
    }
    rows.push({
      name,
      seconds: result.seconds,
      cpu: result.cpu,
      quality,
      anchor: seeds[0] !== "none",
    });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const reference = rows.find((row) => row.anchor);
const lines = [
  `### UMAP layout, ${POINTS} x ${matrix.dim} GloVe vectors, ${METRIC}, 15 neighbours`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${machineLine()}, seeds ${SEEDS.join(", ")}, one layout per seed`,
  "",
  "| layout | median (s) | min (s) | CPU per layout (s) | speed-up vs umap-learn seeded | mean 15-NN preservation | per seed |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.name} | ${median(row.seconds).toFixed(3)} | ${Math.min(...row.seconds).toFixed(3)} | ${median(row.cpu).toFixed(2)} | ${(median(reference.seconds) / median(row.seconds)).toFixed(2)}x | ${mean(row.quality).toFixed(4)} | ${row.quality.map((q) => q.toFixed(4)).join(", ")} |`,
  ),
];
console.log(lines.join("\n"));
