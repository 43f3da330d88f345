// Benchmarks writing the full GloVe vocabulary (341,479 x 100 float32) as a
// projector vectors TSV at 6 significant digits, side by side with
// numpy.savetxt('%.6g'), gensim's word2vec2tensor loop, a plain Node
// Array.join writer and a bare disk write of the same bytes.
// Run `npm run build` first; prints a Markdown table for bench/RESULTS.md.
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { loadVocabulary, writeVectorsTsv } from "../dist/index.js";
import { printTable, runPython, timeRuns } from "./harness.mjs";

const runs = Number(process.env.RUNS ?? 5);
const anchorRuns = Number(process.env.ANCHOR_RUNS ?? 3);
const vocabulary = await loadVocabulary();
const { matrix, dim, words } = vocabulary;
const rows = words.length;
const dir = await mkdtemp(join(tmpdir(), "textdream-bench-tsv-"));

/** Yields the matrix in chunks of 4,096 rows, as a reader would. */
function* chunks() {
  for (let row = 0; row < rows; row += 4096) {
    yield matrix.subarray(row * dim, Math.min(rows, row + 4096) * dim);
  }
}

/** Writes the TSV the obvious Node way: toPrecision, join, one write. */
async function arrayJoin(path) {
  const lines = new Array(rows);
  for (let row = 0; row < rows; row++) {
    const values = matrix.subarray(row * dim, (row + 1) * dim);
    lines[row] = Array.from(values, (x) => +x.toPrecision(6)).join("\t");
  }
  await writeFile(path, `${lines.join("\n")}\n`);
}

/** Writes `bytes` to `path` and syncs, as the TSV writer does. */
async function diskWrite(path, bytes) {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

try {
  const tsvPath = join(dir, "vectors.tsv");
  const fast = await timeRuns(() => writeVectorsTsv(tsvPath, dim, chunks()), {
    runs,
  });
  const single = await timeRuns(
    () => writeVectorsTsv(tsvPath, dim, chunks(), { threads: 0 }),
    { runs },
  );
  const oneWorker = await timeRuns(
    () => writeVectorsTsv(tsvPath, dim, chunks(), { threads: 1 }),
    { runs },
  );
  const written = await readFile(tsvPath);
  const floor = await timeRuns(
    () => diskWrite(join(dir, "copy.tsv"), written),
    {
      runs,
    },
  );
  const join_ = await timeRuns(() => arrayJoin(join(dir, "join.tsv")), {
    runs: anchorRuns,
    warmup: 0,
  });
  await writeFile(join(dir, "matrix.f32"), matrix);
  await writeFile(join(dir, "words.txt"), words.join("\n"));
  const python = runPython("tsv_export.py", [
    join(dir, "matrix.f32"),
    join(dir, "words.txt"),
    String(rows),
    String(dim),
    dir,
    String(anchorRuns),
  ]);
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  const title = `Vectors TSV, ${rows.toLocaleString("en")} x ${dim} at 6 significant digits (textdream ${mb(written.length)}, numpy ${mb(python.savetxt_bytes)}, gensim ${mb(python.gensim_bytes ?? 0)})`;
  const target = "<= 1.0 s";
  printTable(title, [
    {
      stage: "writeVectorsTsv (2 workers)",
      textdream: fast.median,
      anchor: "numpy.savetxt %.6g",
      other: python.savetxt,
      target,
    },
    {
      stage: "writeVectorsTsv (2 workers)",
      textdream: fast.median,
      anchor: "gensim word2vec2tensor loop",
      other: python.gensim ?? undefined,
    },
    {
      stage: "writeVectorsTsv (2 workers)",
      textdream: fast.median,
      anchor: "Node toPrecision + Array.join",
      other: join_.median,
    },
    {
      stage: "writeVectorsTsv (2 workers)",
      textdream: fast.median,
      anchor: "disk write + fsync of the same bytes",
      other: floor.median,
    },
    {
      stage: "writeVectorsTsv (1 worker)",
      textdream: oneWorker.median,
      anchor: "numpy.savetxt %.6g",
      other: python.savetxt,
    },
    {
      stage: "writeVectorsTsv (calling thread only)",
      textdream: single.median,
      anchor: "numpy.savetxt %.6g",
      other: python.savetxt,
    },
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
