import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { writeProjectorConfig } from "../../src/projector/config.js";
import { writeManifest } from "../../src/projector/manifest.js";
import { writeVectorsBytes } from "../../src/projector/vectors.js";
import { makeTempDir } from "../helpers/temp.js";

const ENTRY = {
  tensorName: "dream",
  tensorShape: [4, 3] as [number, number],
  tensorPath: "vectors.tsv",
  metadataPath: "metadata.tsv",
};

describe("writeManifest", () => {
  const input = {
    tool: { name: "textdream", version: "0.1.0" },
    backend: "cpu",
    command: "export",
    options: { digits: 6 },
    seed: 42,
  };

  it("hashes files given by name", async () => {
    const dir = await makeTempDir();
    await writeVectorsBytes(join(dir, "vectors.bytes"), 3, [
      new Float32Array(12),
    ]);
    await writeProjectorConfig(dir, [
      { ...ENTRY, tensorPath: "vectors.bytes", metadataPath: undefined },
    ]);
    await writeManifest(dir, input, ["vectors.bytes", "projector_config.json"]);
    const manifest = JSON.parse(
      await readFile(join(dir, "manifest.json"), "utf8"),
    );
    expect(manifest.files.map((f: { file: string }) => f.file)).toEqual([
      "projector_config.json",
      "vectors.bytes",
    ]);
    expect(manifest.files[1]).toEqual({
      file: "vectors.bytes",
      bytes: 48,
      rows: 4,
      sha256:
        "17b0761f87b081d5cf10757ccc89f12be355c70e2e29df288b65b30710dcbcd1",
    });
    expect(manifest.seed).toBe(42);
    expect(manifest.backend).toBe("cpu");
  });

  it("writes the same bytes twice", async () => {
    const dir = await makeTempDir();
    await writeProjectorConfig(dir, [ENTRY]);
    await writeManifest(dir, input, ["projector_config.json"]);
    const first = await readFile(join(dir, "manifest.json"));
    await writeManifest(dir, input, ["projector_config.json"]);
    expect(await readFile(join(dir, "manifest.json"))).toEqual(first);
    expect(first.toString()).not.toMatch(/20\d\d-\d\d-\d\d/);
  });
});
