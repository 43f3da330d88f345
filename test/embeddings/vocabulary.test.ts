import { readFile, stat, truncate, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

import {
  createWordVectors,
  GLOVE_VOCAB_SIZE,
  loadVocabulary,
  vocabularyCachePath,
} from "../../src/embeddings/index.js";
import { parseWinkFile } from "../../src/embeddings/wink-source.js";
import { FileFormatError, UsageError } from "../../src/errors.js";
import type { Logger } from "../../src/io/logger.js";
import { makeTempDir } from "../helpers/temp.js";

/** Collects every logger call as "level: message". */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
  };
}

/** Writes a wink-shaped JSON file with `vectors` (word -> numbers). */
async function writeWink(
  dir: string,
  vectors: Record<string, number[]>,
  name = "wink.json",
): Promise<string> {
  const words = Object.keys(vectors);
  const dim = vectors[words[0]!]!.length;
  const body = Object.fromEntries(
    words.map((word, i) => [word, [...vectors[word]!, 1, i]]),
  );
  const json = {
    precision: 8,
    l2NormIndex: dim,
    wordIndex: dim + 1,
    size: words.length,
    dimensions: dim,
    words,
    vectors: body,
    unkVector: new Array(dim).fill(0).concat([0, -1]),
  };
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(json));
  return path;
}

const SMALL = { the: [0.5, -1.25], café: [1e-3, 2], '"q"': [0, 3.5e2] };

describe("loadVocabulary on GloVe", () => {
  it("reads the shared test cache", async () => {
    expect(process.env.TEXTDREAM_CACHE_DIR).toBe(inject("textdreamCacheDir"));
    const vectors = await loadVocabulary();
    expect(vectors.words.length).toBe(GLOVE_VOCAB_SIZE);
    expect(vectors.dim).toBe(100);
    expect(vectors.words.slice(0, 3)).toEqual(["the", ",", "."]);
    expect(vectors.words.at(-1)).toBe("sandberger");
    expect(vectors.matrix[0]).toBe(Math.fround(-0.038194));
    expect(vectors.vectorOf("sandberger")?.[99]).toBe(Math.fround(-0.15701));
  });

  it("keeps the 50,000 most frequent words", async () => {
    const vectors = await loadVocabulary({ vocabSize: 50_000 });
    expect(vectors.words.length).toBe(50_000);
    expect(vectors.matrix.length).toBe(50_000 * 100);
    expect(vectors.indexOf("hate")).toBe(4980);
    expect(vectors.indexOf("sandberger")).toBe(-1);
  });

  it.each([0, -3, 1.5, GLOVE_VOCAB_SIZE + 1])(
    "rejects vocabulary size %s",
    async (vocabSize) => {
      await expect(loadVocabulary({ vocabSize })).rejects.toThrow(
        `load vocabulary: vocabulary size ${vocabSize} is not a whole number from 1 to 341479; pass --vocab-size between 1 and 341479.`,
      );
    },
  );
});

describe("loadVocabulary cache", () => {
  it("builds then reuses a cache", async () => {
    const dir = await makeTempDir();
    const sourcePath = await writeWink(dir, SMALL);
    const first = recordingLogger();
    const built = await loadVocabulary({
      cacheDir: dir,
      sourcePath,
      logger: first,
    });
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toMatch(/^info: building the vocabulary cache/);
    const second = recordingLogger();
    const warm = await loadVocabulary({
      cacheDir: dir,
      sourcePath,
      logger: second,
    });
    expect(second.lines).toEqual([]);
    for (const vectors of [built, warm]) {
      expect(vectors.words).toEqual(["the", "café", '"q"']);
      expect(Array.from(vectors.matrix)).toEqual([
        0.5,
        -1.25,
        Math.fround(1e-3),
        2,
        0,
        350,
      ]);
    }
  });

  it("rebuilds a cache truncated by one byte", async () => {
    const dir = await makeTempDir();
    const sourcePath = await writeWink(dir, SMALL);
    await loadVocabulary({ cacheDir: dir, sourcePath });
    const path = vocabularyCachePath(dir);
    const size = (await stat(path)).size;
    await truncate(path, size - 1);
    const logger = recordingLogger();
    const vectors = await loadVocabulary({ cacheDir: dir, sourcePath, logger });
    expect(logger.lines[0]).toBe(
      `warn: vocabulary cache ${path} is truncated (${size - 1} bytes, expected ${size}); rebuilding it.`,
    );
    expect(vectors.words).toEqual(["the", "café", '"q"']);
    expect((await stat(path)).size).toBe(size);
  });

  it("rebuilds an older cache format", async () => {
    const dir = await makeTempDir();
    const sourcePath = await writeWink(dir, SMALL);
    await loadVocabulary({ cacheDir: dir, sourcePath });
    const path = vocabularyCachePath(dir);
    const bytes = await readFile(path);
    bytes.writeUInt32LE(1, 8);
    await writeFile(path, bytes);
    const logger = recordingLogger();
    const vectors = await loadVocabulary({ cacheDir: dir, sourcePath, logger });
    expect(logger.lines[0]).toBe(
      `warn: vocabulary cache ${path} is format version 1, not 2; rebuilding it.`,
    );
    expect(vectors.words).toEqual(["the", "café", '"q"']);
    expect((await readFile(path)).readUInt32LE(8)).toBe(2);
  });

  it("rebuilds a stale cache", async () => {
    const dir = await makeTempDir();
    const sourcePath = await writeWink(dir, SMALL);
    await loadVocabulary({ cacheDir: dir, sourcePath });
    await writeWink(dir, { the: [7, 8], cat: [9, 10] });
    await utimes(sourcePath, new Date(), new Date(Date.now() + 5000));
    const logger = recordingLogger();
    const vectors = await loadVocabulary({ cacheDir: dir, sourcePath, logger });
    expect(logger.lines[0]).toBe(
      `warn: vocabulary cache ${vocabularyCachePath(dir)} is stale (built from another copy of the word vectors); rebuilding it.`,
    );
    expect(vectors.words).toEqual(["the", "cat"]);
    expect(Array.from(vectors.matrix)).toEqual([7, 8, 9, 10]);
  });

  it.each([
    [
      "a foreign file",
      "not a textdream vocabulary cache",
      Buffer.alloc(100, 7),
    ],
    ["a tiny file", "truncated (3 bytes)", Buffer.from("abc")],
  ])("rebuilds %s", async (_name, problem, bytes) => {
    const dir = await makeTempDir();
    const sourcePath = await writeWink(dir, SMALL);
    await writeFile(vocabularyCachePath(dir), bytes);
    const logger = recordingLogger();
    await loadVocabulary({ cacheDir: dir, sourcePath, logger });
    expect(logger.lines[0]).toBe(
      `warn: vocabulary cache ${vocabularyCachePath(dir)} is ${problem}; rebuilding it.`,
    );
    expect(
      (await readFile(vocabularyCachePath(dir))).subarray(0, 8).toString(),
    ).toBe("TXDVOCAB");
  });
});

describe("parse wink JSON", () => {
  it.each([
    ["exponents", "[1.5e-3,-2E+2,0,1]", [0.0015, -200]],
    ["negative zero", "[-0.0,12345678.9,0,1]", [-0, 12345678.9]],
    ["long mantissa", "[0.12345678901234567,3,0,1]", [0.12345678901234567, 3]],
    ["spaces", "[ 1 , 2 ,0, 1 ]", [1, 2]],
  ])("reads numbers with %s", async (_name, row, expected) => {
    const dir = await makeTempDir();
    const path = join(dir, "wink.json");
    await writeFile(
      path,
      `{"l2NormIndex":2,"wordIndex":3,"size":2,"dimensions":2,"words":["a","b\\"c"],"vectors":{"a":[0,0,0,0],"b\\"c":${row.replace(",0,1]", ",0,1]")}}}`,
    );
    const vectors = await loadVocabulary({ cacheDir: dir, sourcePath: path });
    expect(Array.from(vectors.matrix.subarray(2))).toEqual(
      expected.map(Math.fround),
    );
    expect(vectors.words).toEqual(["a", 'b"c']);
  });

  it.each([
    [
      "a missing vector",
      '"vectors":{"a":[1,2,0,0]}}',
      "1 vectors for 2 words at byte",
    ],
    [
      "a repeated index",
      '"vectors":{"a":[1,2,0,0],"b":[1,2,0,0]}}',
      "a repeated or out-of-range word index 0",
    ],
    ["a cut-off row", '"vectors":{"a":[1,2,0,0],"b":[1,2', "instead of"],
    [
      "a word in the row",
      '"vectors":{"a":[1,x,0,0]}}',
      "a value that is not a number",
    ],
  ])("rejects %s", async (_name, tail, problem) => {
    const dir = await makeTempDir();
    const path = join(dir, "wink.json");
    await writeFile(
      path,
      `{"l2NormIndex":2,"wordIndex":3,"size":2,"dimensions":2,"words":["a","b"],${tail}`,
    );
    const error = await loadVocabulary({
      cacheDir: dir,
      sourcePath: path,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain(
      `parse word vectors: ${path} has`,
    );
  });
});

describe("parseWinkFile read window", () => {
  it("parses across window refills", async () => {
    const dir = await makeTempDir();
    const vectors = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [
        `w${i}`,
        [i, -i / 8, 0.5, i * 1e-3],
      ]),
    );
    const path = await writeWink(dir, vectors);
    const whole = await parseWinkFile(path);
    const windowed = await parseWinkFile(path, undefined, 4096);
    expect(windowed.words).toEqual(whole.words);
    expect(windowed.matrix).toEqual(whole.matrix);
    expect(windowed.matrix[299 * 4 + 1]).toBe(Math.fround(-299 / 8));
  });

  it("rejects a words array longer than the window", async () => {
    const dir = await makeTempDir();
    const vectors = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`w${i}`, [i]]),
    );
    const path = await writeWink(dir, vectors);
    await expect(parseWinkFile(path, undefined, 1024)).rejects.toThrow(
      "a value longer than the 1024-byte read window",
    );
  });
});

describe("createWordVectors", () => {
  it("looks words up", () => {
    const vectors = createWordVectors(
      ["x", "y", "x"],
      new Float32Array([1, 2, 3, 4, 5, 6]),
      2,
    );
    expect(vectors.indexOf("x")).toBe(0);
    expect(vectors.indexOf("z")).toBe(-1);
    expect(Array.from(vectors.vectorOf("y")!)).toEqual([3, 4]);
    expect(vectors.vectorOf("z")).toBeUndefined();
  });

  it("rejects a matrix of the wrong size", () => {
    expect(() => createWordVectors(["x"], new Float32Array(3), 2)).toThrow(
      new UsageError(
        "createWordVectors: the matrix holds 3 numbers but 1 words x 2 dimensions need 2; pass one row per word.",
      ),
    );
  });
});
