import { open } from "node:fs/promises";

import { FileFormatError } from "../errors.js";
import { ByteCarry } from "./byte-carry.js";
import type { RowCollector } from "./collector.js";
import type { InputSource } from "./source.js";
import type { RowChunk } from "./types.js";

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const DTYPES: Record<string, { bytes: 4 | 8; little: boolean }> = {
  "<f4": { bytes: 4, little: true },
  "<f8": { bytes: 8, little: true },
  ">f4": { bytes: 4, little: false },
  ">f8": { bytes: 8, little: false },
};

/** The header of a `.npy` file holding a 2-D float array. */
export interface NpyLayout {
  rows: number;
  dim: number;
  /** Bytes per value: 4 (float32) or 8 (float64). */
  itemBytes: 4 | 8;
  littleEndian: boolean;
  /** True when columns are stored one after another (Fortran order). */
  fortranOrder: boolean;
  /** Byte offset of the first value. */
  dataStart: number;
}

/** Returns true when `head` starts with the `.npy` magic bytes. */
export function isNpy(head: Buffer): boolean {
  return head.subarray(0, 6).equals(MAGIC);
}

/**
 * Reads the header of a `.npy` file, accepting only 2-D float32 or float64
 * arrays, in C or Fortran order.
 */
export function readNpyLayout(source: InputSource): NpyLayout {
  const { head, path } = source;
  const fail = (problem: string, fix: string) =>
    new FileFormatError(`Reading "${path}" as .npy failed: ${problem}. ${fix}`);
  if (!isNpy(head)) {
    throw fail(
      `it does not start with the .npy magic bytes "\\x93NUMPY" (found ${JSON.stringify(head.toString("latin1", 0, 6))})`,
      "Save the array with numpy.save, or choose another --input-format.",
    );
  }
  const major = head[6]!;
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength =
    major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8);
  const dataStart = 8 + lengthBytes + headerLength;
  const header = head.toString("latin1", 8 + lengthBytes, dataStart);
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1] ?? "?";
  const dtype = DTYPES[descr];
  if (!dtype) {
    throw fail(
      `the dtype is ${describeDtype(descr)}; expected float32 ('<f4') or float64 ('<f8')`,
      "Convert it with array.astype('float32') and save again.",
    );
  }
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? "";
  const shape = shapeText
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(Number);
  if (shape.length !== 2) {
    throw fail(
      `the array has ${shape.length} dimensions, shape (${shapeText}); expected 2 (rows, dim)`,
      "Reshape it with array.reshape(len(array), -1) and save again.",
    );
  }
  return {
    rows: shape[0]!,
    dim: shape[1]!,
    itemBytes: dtype.bytes,
    littleEndian: dtype.little,
    fortranOrder: /'fortran_order':\s*True/.test(header),
    dataStart,
  };
}

function describeDtype(descr: string): string {
  const names: Record<string, string> = {
    i8: "int64",
    i4: "int32",
    f2: "float16",
  };
  const name = names[descr.slice(1)];
  return name ? `${name} ('${descr}')` : `'${descr}'`;
}

/**
 * Yields the rows of a `.npy` file. `labelOf` names each input row for
 * the word filter and messages.
 */
export async function* readNpyRows(
  source: InputSource,
  layout: NpyLayout,
  collector: RowCollector,
  labelOf: (row: number) => string,
): AsyncGenerator<RowChunk> {
  const values = layout.fortranOrder
    ? fortranRows(source, layout)
    : cOrderRows(source, layout);
  let row = 0;
  const where = () => `row ${row} of "${source.path}"`;
  for await (const vector of values) {
    const offset = collector.begin(labelOf(row));
    if (offset >= 0) {
      collector.matrix.set(vector, offset);
      collector.commit(where);
    }
    row += 1;
    if (collector.full) yield collector.take();
    if (collector.done) break;
  }
  yield* collector.finish();
}

async function* cOrderRows(
  source: InputSource,
  layout: NpyLayout,
): AsyncGenerator<Float64Array | Float32Array> {
  const rowBytes = layout.dim * layout.itemBytes;
  const carry = new ByteCarry();
  let skip = layout.dataStart;
  let row = 0;
  for await (const chunk of source.chunks()) {
    let bytes = carry.join(chunk);
    const skipped = Math.min(skip, bytes.length);
    bytes = bytes.subarray(skipped);
    skip -= skipped;
    let p = 0;
    while (p + rowBytes <= bytes.length && row < layout.rows) {
      yield decodeRow(bytes, p, layout);
      p += rowBytes;
      row += 1;
    }
    if (row === layout.rows) return;
    carry.keep(bytes, p);
  }
  const dataBytes = row * rowBytes + carry.rest().length;
  throw truncated(source.path, layout, dataBytes);
}

async function* fortranRows(
  source: InputSource,
  layout: NpyLayout,
): AsyncGenerator<Float64Array> {
  const { rows, dim, itemBytes } = layout;
  const data = await readAll(source, layout);
  if (data.length < rows * dim * itemBytes) {
    throw truncated(source.path, layout, data.length);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let row = 0; row < rows; row++) {
    const vector = new Float64Array(dim);
    for (let k = 0; k < dim; k++) {
      vector[k] = readValue(view, (k * rows + row) * itemBytes, layout);
    }
    yield vector;
  }
}

/**
 * Reads the whole data block. NOTE: Fortran order stores columns one after
 * another, so rows are only complete once everything is read; memory grows
 * with the array for this order.
 */
async function readAll(source: InputSource, layout: NpyLayout) {
  if (!source.gzip) {
    const handle = await open(source.path, "r");
    try {
      const size = layout.rows * layout.dim * layout.itemBytes;
      const data = Buffer.alloc(size);
      const { bytesRead } = await handle.read(data, 0, size, layout.dataStart);
      return data.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  return Buffer.concat(parts).subarray(layout.dataStart);
}

function decodeRow(bytes: Buffer, start: number, layout: NpyLayout) {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start);
  const vector = new Float64Array(layout.dim);
  for (let k = 0; k < layout.dim; k++) {
    vector[k] = readValue(view, k * layout.itemBytes, layout);
  }
  return vector;
}

function readValue(view: DataView, at: number, layout: NpyLayout): number {
  return layout.itemBytes === 4
    ? view.getFloat32(at, layout.littleEndian)
    : view.getFloat64(at, layout.littleEndian);
}

function truncated(path: string, layout: NpyLayout, dataBytes: number) {
  const expected = layout.rows * layout.dim * layout.itemBytes;
  const end = layout.dataStart + dataBytes;
  return new FileFormatError(
    `Reading "${path}" as .npy failed: the header announces ${layout.rows} rows of ${layout.dim} values (${expected} data bytes from byte ${layout.dataStart}), but the file ends at byte ${end}. Pass the complete file.`,
  );
}
