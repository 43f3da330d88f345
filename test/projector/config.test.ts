import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.js";
import {
  quoteProtoString,
  writeProjectorConfig,
  writeTensorboardConfig,
} from "../../src/projector/config.js";
import { makeTempDir } from "../helpers/temp.js";

const ENTRY = {
  tensorName: "dream",
  tensorShape: [4, 3] as [number, number],
  tensorPath: "vectors.tsv",
  metadataPath: "metadata.tsv",
};

describe("writeProjectorConfig", () => {
  it("writes the projector's keys", async () => {
    const dir = await makeTempDir();
    const summary = await writeProjectorConfig(dir, [
      { ...ENTRY, bookmarksPath: "bookmarks.json" },
    ]);
    const text = await readFile(join(dir, "projector_config.json"), "utf8");
    expect(JSON.parse(text)).toEqual({
      embeddings: [{ ...ENTRY, bookmarksPath: "bookmarks.json" }],
    });
    expect(text.endsWith("}\n")).toBe(true);
    expect(summary.file).toBe("projector_config.json");
  });

  it("leaves out absent paths", async () => {
    const dir = await makeTempDir();
    await writeProjectorConfig(dir, [{ ...ENTRY, metadataPath: undefined }]);
    const text = await readFile(join(dir, "projector_config.json"), "utf8");
    expect(Object.keys(JSON.parse(text).embeddings[0])).toEqual([
      "tensorName",
      "tensorShape",
      "tensorPath",
    ]);
  });

  it("rejects a shape of zero points", async () => {
    const dir = await makeTempDir();
    const write = writeProjectorConfig(dir, [
      { ...ENTRY, tensorShape: [0, 3] },
    ]);
    await expect(write).rejects.toThrow(UsageError);
  });
});

describe("writeTensorboardConfig", () => {
  it("writes an embeddings block", async () => {
    const dir = await makeTempDir();
    await writeTensorboardConfig(dir, [
      { ...ENTRY, tensorName: 'say "hi"\\now' },
    ]);
    expect(await readFile(join(dir, "projector_config.pbtxt"), "utf8")).toBe(
      'embeddings {\n  tensor_name: "say \\"hi\\"\\\\now"\n  tensor_path: "vectors.tsv"\n  metadata_path: "metadata.tsv"\n}\n',
    );
  });

  it.each([
    ["plain", '"plain"'],
    ["it's", '"it\\\'s"'],
    ["a\nb\tc\rd", '"a\\nb\\tc\\rd"'],
    ["bell\u0007", '"bell\\007"'],
    ["café", '"café"'],
  ])("quotes %j", (text, expected) => {
    expect(quoteProtoString(text)).toBe(expected);
  });
});
