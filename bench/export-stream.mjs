// Streams a generated 2,000,000 x 300 word2vec binary file (2.4 GB) through
// `textdream export` and reports wall time and peak resident memory, which
// must stay under 300 MB whatever the file size. Run `npm run build` first.
//
//   node bench/export-stream.mjs [--rows 2000000] [--dim 300] [--gensim]
//     [--library]   (export through the library alone, not the CLI)
//
// The file is written to a temporary directory outside the repository and
// deleted afterwards, with every export.
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { BENCH_DIR, machineLine, PYTHON } from "./harness.mjs";

const ROOT = dirname(BENCH_DIR);
const CLI = join(ROOT, "bin", "textdream.js");
const CHILD = join(BENCH_DIR, "export-child.mjs");
const RSS_LIMIT_MB = 300;

function flag(name, fallback) {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** Returns a seeded xorshift32 generator of floats in [-1, 1). */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 31 - 1;
  };
}

/** Writes a word2vec binary file of `rows` x `dim`, a newline after each vector. */
async function generate(path, rows, dim) {
  const next = random(42);
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  const write = (buffer) =>
    out.write(buffer) ? undefined : new Promise((r) => out.once("drain", r));
  await write(Buffer.from(`${rows} ${dim}\n`));
  const block = 4096;
  for (let start = 0; start < rows; start += block) {
    const parts = [];
    for (let row = start; row < Math.min(rows, start + block); row++) {
      // Every 1000th word carries non-ASCII letters.
      const word = row % 1000 === 0 ? `caf\u00e9_${row}` : `w${row}`;
      const vector = new Float32Array(dim);
      for (let k = 0; k < dim; k++) vector[k] = next();
      parts.push(Buffer.from(`${word} `), Buffer.from(vector.buffer), NEWLINE);
    }
    await write(Buffer.concat(parts));
  }
  await new Promise((resolve, reject) => {
    out.once("error", reject);
    out.end(resolve);
  });
}
const NEWLINE = Buffer.from("\n");

/** Runs under /usr/bin/time -v, returning wall seconds and peak RSS (MB). */
function runMeasured(command, args) {
  const start = process.hrtime.bigint();
  let stderr = "";
  try {
    stderr = execFileSync(
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
  } catch (error) {
    process.stderr.write(String(error.stdout ?? error));
    throw error;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const status = /Exit status: (\d+)/.exec(stderr);
  if (!match || (status && status[1] !== "0")) {
    throw new Error(`measuring ${command} failed:\n${stderr}`);
  }
  return { seconds, rssMb: Number(match[1]) / 1024 };
}

async function main() {
  const rows = flag("--rows", 2_000_000);
  const dim = flag("--dim", 300);
  const gensim = process.argv.includes("--gensim");
  const library = process.argv.includes("--library");
  const dir = await mkdtemp(join(tmpdir(), "textdream-export-bench-"));
  const results = [];
  try {
    const input = join(dir, "vectors.bin");
    const genStart = process.hrtime.bigint();
    await generate(input, rows, dim);
    const genSeconds = Number(process.hrtime.bigint() - genStart) / 1e9;
    const size = (await stat(input)).size;
    process.stderr.write(
      `generated ${rows} x ${dim} (${(size / 1e9).toFixed(2)} GB) in ${genSeconds.toFixed(1)} s\n`,
    );
    for (const format of ["bytes", "tsv"]) {
      const out = join(dir, `run-${format}`);
      const run = runMeasured(
        process.execPath,
        library
          ? [CHILD, input, out, format]
          : [CLI, "export", input, "--out", out, "--format", format],
      );
      const written = await stat(
        join(out, format === "tsv" ? "vectors.tsv" : "vectors.bytes"),
      );
      results.push({
        stage: `textdream export --format ${format}${library ? " (library)" : ""}`,
        ...run,
        output: written.size,
      });
      await rm(out, { recursive: true, force: true });
    }
    if (gensim) {
      const run = runMeasured(PYTHON, [
        join(BENCH_DIR, "python", "export_gensim.py"),
        input,
        join(dir, "gensim"),
      ]);
      results.push({ stage: "gensim load + word2vec2tensor", ...run });
    }
    printResults(rows, dim, size, results);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printResults(rows, dim, size, results) {
  const lines = [
    `### Streaming export of a ${rows.toLocaleString("en-US")} x ${dim} word2vec binary (${(size / 1e9).toFixed(2)} GB)`,
    "",
    `${new Date().toISOString().slice(0, 10)}, ${machineLine()}`,
    "",
    `| stage | wall time (s) | peak RSS (MB) | output (GB) | RSS target |`,
    `| --- | --- | --- | --- | --- |`,
  ];
  for (const row of results) {
    const ok = row.rssMb < RSS_LIMIT_MB ? "< 300 MB: met" : "< 300 MB: missed";
    lines.push(
      `| ${row.stage} | ${row.seconds.toFixed(1)} | ${row.rssMb.toFixed(0)} | ${row.output === undefined ? "" : (row.output / 1e9).toFixed(2)} | ${row.stage.startsWith("textdream") ? ok : ""} |`,
    );
  }
  console.log(lines.join("\n"));
}

await main();
