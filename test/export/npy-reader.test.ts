import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

import { FileFormatError } from "../../src/errors.js";
import { exportAndRead, f32, npyFile, writeInput } from "./helpers.js";

const ROWS = [
  [0.5, -1.25, 3],
  [1e-3, 2.75, -4],
];

function bytesOf(array: Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer);
}

describe(".npy reader", () => {
  it.each([
    ["float32 C order", "<f4", false, new Float32Array(ROWS.flat())],
    ["float64 C order", "<f8", false, new Float64Array(ROWS.flat())],
    [
      "float32 Fortran order",
      "<f4",
      true,
      new Float32Array([0.5, 1e-3, -1.25, 2.75, 3, -4]),
    ],
    [
      "float64 Fortran order",
      "<f8",
      true,
      new Float64Array([0.5, 1e-3, -1.25, 2.75, 3, -4]),
    ],
  ])("reads %s", async (_title, descr, fortran, data) => {
    const path = await writeInput(
      "v.npy",
      npyFile(descr, [2, 3], bytesOf(data), fortran),
    );
    const run = await exportAndRead(path, { format: "bytes" });
    expect(run.result.inputFormat).toBe("npy");
    expect(run.vectors).toEqual(ROWS.map(f32));
    expect(run.metadata).toEqual(["0", "1"]);
  });

  it("reads gzipped Fortran order", async () => {
    const data = new Float64Array([0.5, 1e-3, -1.25, 2.75, 3, -4]);
    const bytes = npyFile("<f8", [2, 3], bytesOf(data), true);
    const path = await writeInput("v.npy.gz", bytes, { gzip: true });
    const run = await exportAndRead(path, { format: "bytes" });
    expect(run.vectors).toEqual(ROWS.map(f32));
  });

  it("reads big-endian float64", async () => {
    const data = Buffer.from(new Float64Array(ROWS.flat()).buffer);
    data.swap64();
    const path = await writeInput("v.npy", npyFile(">f8", [2, 3], data));
    const run = await exportAndRead(path, { format: "bytes" });
    expect(run.vectors).toEqual(ROWS.map(f32));
  });

  it.each([
    [
      "3 dimensions",
      npyFile("<f4", [2, 3, 1], bytesOf(new Float32Array(6))),
      "the array has 3 dimensions, shape (2, 3, 1); expected 2 (rows, dim)",
    ],
    [
      "int64 values",
      npyFile("<i8", [2, 3], new Uint8Array(48)),
      "the dtype is int64 ('<i8'); expected float32 ('<f4') or float64 ('<f8')",
    ],
    [
      "cut data",
      npyFile("<f4", [2, 3], bytesOf(new Float32Array(5))),
      "the header announces 2 rows of 3 values (24 data bytes from byte 128), but the file ends at byte 148",
    ],
  ])("rejects %s clearly", async (_title, bytes, message) => {
    const path = await writeInput("v.npy", bytes);
    const error = await exportAndRead(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as Error).message).toContain(message);
  });

  it("sanitizes labels from a CSV", async () => {
    const data = bytesOf(new Float32Array(ROWS.flat()));
    const path = await writeInput("v.npy", npyFile("<f4", [2, 3], data));
    const labels = `${path}.csv`;
    await writeFile(labels, 'name,kind\n"tab\there","line\nbreak"\nplain,x\n');
    const run = await exportAndRead(path, { labelsFile: labels });
    expect(run.metadata).toEqual([
      "name\tkind",
      "tab here\tline break",
      "plain\tx",
    ]);
    expect(run.metadata.length - 1).toBe(run.vectors.length);
  });

  it("sanitizes one label per line", async () => {
    const data = bytesOf(new Float32Array(ROWS.flat()));
    const path = await writeInput("v.npy", npyFile("<f4", [2, 3], data));
    const labels = `${path}.txt`;
    await writeFile(labels, "a\tb\r\n\n");
    const run = await exportAndRead(path, { labelsFile: labels });
    expect(run.metadata).toEqual(["a b", "(empty)"]);
  });

  it("rejects a label count mismatch", async () => {
    const data = bytesOf(new Float32Array(ROWS.flat()));
    const path = await writeInput("v.npy", npyFile("<f4", [2, 3], data));
    const labels = `${path}.txt`;
    await writeFile(labels, "one\n");
    await expect(exportAndRead(path, { labelsFile: labels })).rejects.toThrow(
      `it contains 2 rows, but the labels file "${labels}" contains 1 labels`,
    );
  });
});
