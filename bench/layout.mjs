// Benchmarks the 2-D UMAP layout against umap-learn on the same 5,000
// GloVe word vectors in one run, for several epoch counts. It reports the
// time per layout and the neighbourhood preservation: the share of each
// point's 15 nearest input neighbours that stay among its 15 nearest in
// the layout.
//
//   npm run build && node bench/layout.mjs [--points 5000] [--runs 3]
//     [--epochs 200,300,400,500] [--init random,pca]
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  loadVocabulary,
  neighborhoodPreservation,
  umapLayout,
} from "../dist/index.js";
import { machineLine, median, runPython, timeRuns } from "./harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const POINTS = Number(option("points", 5000));
const RUNS = Number(option("runs", 3));
const EPOCHS = option("epochs", "200,300,400,500").split(",").map(Number);
const INITS = option("init", "random,pca").split(",");
const METRIC = "cosine";
const SEED = 7;

const vocabulary = await loadVocabulary({ vocabSize: POINTS });
const matrix = {
  rows: POINTS,
  dim: vocabulary.dim,
  values: vocabulary.matrix.slice(0, POINTS * vocabulary.dim),
};

const rows = [];
for (const init of INITS) {
  for (const epochs of EPOCHS) {
    let layout;
    const cpuStart = process.cpuUsage();
    const time = await timeRuns(
      async () => {
        layout = await umapLayout(matrix, {
          seed: SEED,
          epochs,
          init,
          metric: METRIC,
        });
      },
      { runs: RUNS, warmup: 1 },
    );
    const used = process.cpuUsage(cpuStart);
    const cpu = (used.user + used.system) / 1e6 / (RUNS + 1);
    const quality = await neighborhoodPreservation(matrix, layout, {
      metric: METRIC,
    });
    rows.push({
      name: `textdream, ${init} init, ${epochs} epochs`,
      time,
      cpu,
      quality,
    });
  }
}

const dir = await mkdtemp(join(tmpdir(), "textdream-layout-bench-"));
try {
  const input = join(dir, "matrix.f32");
  const output = join(dir, "embedding.f64");
  await writeFile(input, new Uint8Array(matrix.values.buffer));
  for (const seed of [String(SEED), "none"]) {
    const result = runPython("layout_umap.py", [
      input,
      String(POINTS),
      String(matrix.dim),
      output,
      String(RUNS),
      "15",
      "0.1",
      METRIC,
      seed,
    ]);
    const bytes = await readFile(output);
    const layout = new Float64Array(bytes.buffer, bytes.byteOffset, POINTS * 2);
    const quality = await neighborhoodPreservation(matrix, layout, {
      metric: METRIC,
    });
    const label =
      seed === "none" ? "unseeded, parallel" : `random_state ${seed}`;
    rows.push({
      name: `umap-learn, ${label}, default epochs`,
      time: { median: median(result.seconds), min: result.seconds[0] },
      cpu: median(result.cpu),
      quality,
      anchor: true,
    });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const reference = rows.find(
  (row) => row.anchor && row.name.includes("random_state"),
);
const lines = [
  `### UMAP layout, ${POINTS} x ${matrix.dim} GloVe vectors, ${METRIC}, 15 neighbours`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${machineLine()}, ${RUNS} timed runs after 1 warm-up`,
  "",
  "| layout | median (s) | min (s) | CPU per run (s) | speed-up vs umap-learn seeded | 15-NN preservation |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.name} | ${row.time.median.toFixed(3)} | ${row.time.min.toFixed(3)} | ${row.cpu.toFixed(2)} | ${(reference.time.median / row.time.median).toFixed(2)}x | ${row.quality.toFixed(4)} |`,
  ),
];
console.log(lines.join("\n"));
