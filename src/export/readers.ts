import { readBinaryLayout, readBinaryRows } from "./binary-reader.js";
import type { RowCollector } from "./collector.js";
import { readJsonLayout, readJsonRows } from "./json-reader.js";
import { readNpyLayout, readNpyRows } from "./npy-reader.js";
import type { InputSource } from "./source.js";
import { readTextLayout, readTextRows } from "./text-reader.js";
import type { InputFormat, RowChunk } from "./types.js";

/** An input opened far enough to know its dimension. */
export interface VectorReader {
  /** Values per row. */
  dim: number;
  /** True when rows are named by a word in the file (not by `--labels`). */
  keyed: boolean;
  /** Row count announced by a header, when the format has one. */
  headerRows?: number;
  /** Row count fixed by the format (`.npy` shape), when known in advance. */
  knownRows?: number;
  /**
   * Yields chunks of kept rows. `labelOf` names rows of formats without
   * words (`.npy`, JSON arrays).
   */
  rows(
    collector: RowCollector,
    labelOf: (row: number) => string,
  ): AsyncGenerator<RowChunk>;
}

/** Opens `source` as `format` and reads its header or first row. */
export async function openReader(
  source: InputSource,
  format: InputFormat,
): Promise<VectorReader> {
  switch (format) {
    case "glove":
    case "word2vec-text": {
      const layout = readTextLayout(source);
      return {
        dim: layout.dim,
        keyed: true,
        headerRows: layout.headerRows,
        rows: (collector) => readTextRows(source, layout, collector),
      };
    }
    case "word2vec-binary": {
      const layout = readBinaryLayout(source);
      return {
        dim: layout.dim,
        keyed: true,
        headerRows: layout.headerRows,
        rows: (collector) => readBinaryRows(source, layout, collector),
      };
    }
    case "npy": {
      const layout = readNpyLayout(source);
      return {
        dim: layout.dim,
        keyed: false,
        knownRows: layout.rows,
        rows: (collector, labelOf) =>
          readNpyRows(source, layout, collector, labelOf),
      };
    }
    case "json": {
      const layout = await readJsonLayout(source);
      return {
        dim: layout.dim,
        keyed: layout.keyed,
        rows: (collector, labelOf) =>
          readJsonRows(source, layout, collector, labelOf),
      };
    }
  }
}
