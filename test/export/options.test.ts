import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { exportEmbeddings } from "../../src/export/index.js";
import { expectClose } from "../helpers/tolerance.js";
import { makeTempDir } from "../helpers/temp.js";
import { exportAndRead, writeInput } from "./helpers.js";

const TEXT = "the 3 4\nof 1 0\nand 0 0\nto 0.123456789 -7\n";

describe("export options", () => {
  it("limits to the first rows", async () => {
    const text = `9 2\n${TEXT}`;
    const run = await exportAndRead(await writeInput("v.vec", text), {
      limit: 2,
    });
    expect(run.metadata).toEqual(["the", "of"]);
    expect(run.warnings).toEqual([]);
  });

  it("keeps requested words in order", async () => {
    const input = await writeInput("v.txt", TEXT);
    const words = `${input}.words`;
    await writeFile(words, "to\nmissing\nthe\nto\n");
    const run = await exportAndRead(input, { wordsFile: words });
    expect(run.metadata).toEqual(["to", "the"]);
    expect(run.vectors).toEqual([
      [0.123457, -7],
      [3, 4],
    ]);
    expect(run.result.report.missingWords).toEqual(["missing"]);
    expect(run.warnings).toEqual([
      "1 requested words are not in the input: missing.",
    ]);
  });

  it("normalizes rows to unit length", async () => {
    const run = await exportAndRead(await writeInput("v.txt", TEXT), {
      normalize: true,
      format: "bytes",
    });
    expectClose(run.vectors[0]![0]!, 0.6);
    expectClose(run.vectors[0]![1]!, 0.8);
    expect(run.vectors[2]).toEqual([0, 0]);
    expect(run.warnings).toEqual([
      "1 rows are all zeros and were left unnormalized.",
    ]);
  });

  it.each([
    [3, "0.123\t-7"],
    [9, "0.123456791\t-7"],
  ])("writes %i significant digits", async (digits, row) => {
    const input = await writeInput("v.txt", TEXT);
    const run = await exportAndRead(input, { digits });
    const text = await readFile(join(run.dir, "vectors.tsv"), "utf8");
    expect(text.split("\n")[3]).toBe(row);
  });

  it("joins metadata on the word", async () => {
    const input = await writeInput("v.txt", TEXT);
    const meta = `${input}.tsv`;
    await writeFile(meta, "word\tpos\tfreq\nof\tADP\t2\nthe\tDET\t1\n");
    const run = await exportAndRead(input, { metadataFile: meta });
    expect(run.metadata).toEqual([
      "word\tpos\tfreq",
      "the\tDET\t1",
      "of\tADP\t2",
      "and\t\t",
      "to\t\t",
    ]);
    expect(run.warnings).toEqual([
      "2 rows have no entry in the metadata file; their extra cells are empty.",
    ]);
  });

  it("joins metadata on the input row", async () => {
    const input = await writeInput("v.txt", `${TEXT}the 5 5\n`);
    const meta = `${input}.csv`;
    await writeFile(meta, "row,group\n0,a\n1,b\n2,c\n3,d\n4,e\n");
    const run = await exportAndRead(input, {
      metadataFile: meta,
      wordsFile: await writeInput("w.txt", "to\nof\n"),
    });
    expect(run.metadata).toEqual(["word\tgroup", "to\td", "of\tb"]);
  });

  it("writes config, pbtxt and manifest", async () => {
    const input = await writeInput("glove.txt.gz", TEXT, { gzip: true });
    const run = await exportAndRead(input, {
      tensorboard: true,
      format: "bytes",
      name: "GloVe sample",
    });
    const config = JSON.parse(
      await readFile(join(run.dir, "projector_config.json"), "utf8"),
    );
    expect(config).toEqual({
      embeddings: [
        {
          tensorName: "GloVe sample",
          tensorShape: [4, 2],
          tensorPath: "vectors.bytes",
          metadataPath: "metadata.tsv",
        },
      ],
    });
    const pbtxt = await readFile(
      join(run.dir, "projector_config.pbtxt"),
      "utf8",
    );
    expect(pbtxt).toContain('tensor_path: "vectors.bytes"');
    const manifest = JSON.parse(
      await readFile(join(run.dir, "manifest.json"), "utf8"),
    );
    expect(manifest.command).toBe("export");
    expect(manifest.extra.inputFormat).toBe("glove");
    expect(
      manifest.files.map((f: { file: string; rows: number }) => [
        f.file,
        f.rows,
      ]),
    ).toEqual([
      ["metadata.tsv", 4],
      ["projector_config.json", 13],
      ["projector_config.pbtxt", 5],
      ["vectors.bytes", 4],
    ]);
  });

  it("keeps a user's vectors.tsv without force", async () => {
    const input = await writeInput("v.txt", TEXT);
    const dir = await makeTempDir();
    await writeFile(join(dir, "vectors.tsv"), "MY OWN DATA\n");
    await expect(exportEmbeddings(input, dir)).rejects.toThrow(
      `Exporting into "${dir}" failed: it already contains vectors.tsv. Pass another --out directory, or --force to replace those files.`,
    );
    expect(await readFile(join(dir, "vectors.tsv"), "utf8")).toBe(
      "MY OWN DATA\n",
    );
  });

  it("rejects an existing run without force", async () => {
    const input = await writeInput("v.txt", TEXT);
    const dir = join(await makeTempDir(), "run");
    await exportEmbeddings(input, dir);
    await expect(exportEmbeddings(input, dir)).rejects.toThrow(
      "already contains manifest.json, vectors.tsv, metadata.tsv, projector_config.json. Pass another --out directory",
    );
    const again = await exportEmbeddings(input, dir, {
      force: true,
      format: "bytes",
    });
    expect(again.files[0]!.file).toBe("vectors.bytes");
  });

  it("rejects labels for a keyed input", async () => {
    const input = await writeInput("v.txt", TEXT);
    await expect(
      exportAndRead(input, { labelsFile: await writeInput("l.txt", "x\n") }),
    ).rejects.toThrow("the input names its own rows by word");
  });

  it("fails when no row is kept", async () => {
    const input = await writeInput("v.txt", TEXT);
    const words = await writeInput("w.txt", "absent\n");
    const dir = join(await makeTempDir(), "run");
    await expect(
      exportEmbeddings(input, dir, { wordsFile: words }),
    ).rejects.toThrow("none of its 4 rows was kept");
    await expect(readFile(join(dir, "vectors.tsv"))).rejects.toThrow();
  });
});
