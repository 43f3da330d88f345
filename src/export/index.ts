export type { InputFormat, ReadReport, RowChunk } from "./types.js";
export { INPUT_FORMATS } from "./types.js";
export type {
  ExportOptions,
  ExportProgress,
  ExportResult,
} from "./export-run.js";
export { exportEmbeddings } from "./export-run.js";
