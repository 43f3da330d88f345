// Benchmarks the tokenizer and sentence embedding on the UCI sentiment
// sentences (repeated to a few MB), beside a Python regular-expression
// tokenizer with the same core rules, gensim's simple_preprocess and a
// numpy mean of word vectors. Run `npm run build` first; prints a Markdown
// table for bench/RESULTS.md.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { embedSentence, loadVocabulary, tokenize } from "../dist/index.js";
import { printTable, runPython, timeRuns } from "./harness.mjs";

const runs = Number(process.env.RUNS ?? 7);
const repeat = Number(process.env.REPEAT ?? 20);
const require = createRequire(import.meta.url);
const fixtures = join(
  dirname(require.resolve("sentiment/package.json")),
  "test/fixtures",
);

const sentences = ["amazon", "yelp", "imdb"].flatMap((name) =>
  JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8"))
    .filter((item) => item.class !== null)
    .map((item) => item.text),
);
const texts = Array.from({ length: repeat }, () => sentences).flat();
const megabytes =
  texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;

const dir = await mkdtemp(join(tmpdir(), "textdream-bench-tokenize-"));
try {
  const vectors = await loadVocabulary();
  const tokenizeAll = await timeRuns(() => texts.map(tokenize), { runs });
  const embedAll = await timeRuns(
    () => texts.map((text) => embedSentence(vectors, text)),
    { runs },
  );
  const textsPath = join(dir, "texts.json");
  const wordsPath = join(dir, "words.txt");
  const matrixPath = join(dir, "matrix.f32");
  writeFileSync(textsPath, JSON.stringify(texts));
  writeFileSync(wordsPath, vectors.words.join("\n"));
  writeFileSync(matrixPath, vectors.matrix);
  const python = runPython("tokenize_embed.py", [
    textsPath,
    wordsPath,
    matrixPath,
    String(runs),
  ]);
  const title = `Tokenize and embed (${texts.length} texts, ${megabytes.toFixed(1)} MB)`;
  printTable(title, [
    {
      stage: "tokenize",
      textdream: tokenizeAll.median,
      anchor: "Python re tokenizer",
      other: python.regex,
    },
    {
      stage: "tokenize",
      textdream: tokenizeAll.median,
      anchor: "gensim simple_preprocess",
      other: python.gensim ?? undefined,
    },
    {
      stage: "tokenize + mean vector",
      textdream: embedAll.median,
      anchor: "Python re + dict + numpy mean",
      other: python.embed,
    },
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
