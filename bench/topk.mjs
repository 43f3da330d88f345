// Benchmarks exact top-10 cosine search for 101 queries over all 341,479
// GloVe words, step by step (plain JavaScript, pre-normalised rows, the
// WebAssembly SIMD kernel and the native AVX2 kernel, on one and on two
// threads), against numpy and PyTorch, and checks that textdream finds the
// same top-10 sets as numpy.
// Run `npm run build` first; prints a Markdown table for bench/RESULTS.md.
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  cacheDirectory,
  createNeighborIndex,
  loadVocabulary,
  vocabularyCachePath,
} from "../dist/index.js";
import { printTable, runPython, timeRuns } from "./harness.mjs";

const K = 10;
const QUERIES = 101;
const runs = Number(process.env.RUNS ?? 7);
const vectors = await loadVocabulary();
const { dim, matrix } = vectors;
const queries = makeQueries();

/** Returns 101 vocabulary rows spread over the list, with seeded noise. */
function makeQueries() {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const result = new Float32Array(QUERIES * dim);
  for (let q = 0; q < QUERIES; q++) {
    const row = q * 3001 + 5;
    for (let d = 0; d < dim; d++) {
      result[q * dim + d] = matrix[row * dim + d] + (next() - 0.5) * 0.2;
    }
  }
  return result;
}

/** Searches with pre-normalised float32 rows in a plain JavaScript loop. */
function normalisedLoop() {
  const rows = matrix.length / dim;
  const unit = new Float32Array(matrix.length);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += matrix[r * dim + d] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++)
      unit[r * dim + d] = matrix[r * dim + d] * scale;
  }
  return () => {
    for (let q = 0; q < QUERIES; q++) {
      const best = new Float64Array(K).fill(-Infinity);
      for (let r = 0; r < rows; r++) {
        let dot = 0;
        for (let d = 0; d < dim; d++)
          dot += unit[r * dim + d] * queries[q * dim + d];
        if (dot > best[K - 1]) {
          let i = K - 1;
          while (i > 0 && dot > best[i - 1]) best[i] = best[--i];
          best[i] = dot;
        }
      }
    }
  };
}

async function timeIndex(options, timing) {
  const index = createNeighborIndex(vectors, options);
  try {
    const result = await timeRuns(() => index.search(queries, K), timing);
    return { ...result, sets: await index.search(queries, K) };
  } finally {
    await index.close();
  }
}

const slow = { runs: Math.min(runs, 3), warmup: 0 };
const plain = await timeIndex({ kernel: "js", threads: 1 }, slow);
const normalised = await timeRuns(normalisedLoop(), slow);
const simd = await timeIndex({ kernel: "wasm", threads: 1 }, { runs });
const simdTwo = await timeIndex({ kernel: "wasm", threads: 2 }, { runs });
const native = await timeIndex({ threads: 1 }, { runs });
const twoThreads = await timeIndex({ threads: 2 }, { runs });
const kernel = createNeighborIndex(vectors, { limit: 8 }).kernel;

const dream = createNeighborIndex(vectors, { limit: 50_000 });
const oneQuery = await timeRuns(
  () => dream.search(queries.subarray(0, dim), K),
  {
    runs: 50,
    warmup: 5,
  },
);
await dream.close();

const dir = await mkdtemp(join(tmpdir(), "textdream-bench-topk-"));
let python;
try {
  const queriesPath = join(dir, "queries.f32");
  writeFileSync(queriesPath, queries);
  python = runPython("vocab_topk.py", [
    "topk",
    vocabularyCachePath(cacheDirectory()),
    queriesPath,
    String(K),
    String(runs),
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}

const differing = twoThreads.sets.filter((neighbors, q) => {
  const ours = neighbors.map((n) => n.index).sort((a, b) => a - b);
  return ours.join() !== python.sets[q].join();
});
const numpy = { anchor: "numpy matmul + argpartition", other: python.numpy };
printTable(`Top-${K} cosine, ${QUERIES} queries x 341,479 words`, [
  { stage: "plain JS loop, float64", textdream: plain.median, ...numpy },
  {
    stage: "JS loop, pre-normalised rows",
    textdream: normalised.median,
    ...numpy,
  },
  { stage: "wasm SIMD 4x8 tiles, 1 thread", textdream: simd.median, ...numpy },
  {
    stage: "wasm SIMD 4x8 tiles, 2 threads",
    textdream: simdTwo.median,
    ...numpy,
  },
  {
    stage: `${kernel}: AVX2 FMA 4x16 tiles, 1 thread`,
    textdream: native.median,
    ...numpy,
  },
  {
    stage: `${kernel}: AVX2 FMA 4x16 tiles, 2 threads`,
    textdream: twoThreads.median,
    ...numpy,
    target: "<= 0.10 s",
  },
  ...(python.torch === undefined
    ? []
    : [
        {
          stage: `${kernel}: AVX2 FMA 4x16 tiles, 2 threads`,
          textdream: twoThreads.median,
          anchor: "PyTorch mm + topk",
          other: python.torch,
        },
      ]),
  {
    stage: "1 query x 50,000 words (per dream step)",
    textdream: oneQuery.median,
  },
]);
console.log(
  `\nSame top-${K} sets as numpy: ${QUERIES - differing.length} of ${QUERIES} queries${python.torch === undefined ? "; PyTorch is not installed, so it has no row" : ""}.`,
);
