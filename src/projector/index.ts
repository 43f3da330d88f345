export { RUN_FILES } from "./run-files.js";
export type { FileSummary, SummarizeOptions } from "./file-summary.js";
export { summarizeFile } from "./file-summary.js";
export { formatFloat, MAX_FLOAT_BYTES, writeFloat32 } from "./format-float.js";
export type { RowChunks, VectorWriteOptions } from "./vectors.js";
export { writeVectorsBytes, writeVectorsTsv } from "./vectors.js";
export {
  EMPTY_LABEL,
  MAX_LABEL_LENGTH,
  sanitizeCell,
  sanitizeLabel,
  writeMetadataTsv,
} from "./metadata.js";
export type { EmbeddingConfigEntry } from "./config.js";
export {
  quoteProtoString,
  writeProjectorConfig,
  writeTensorboardConfig,
} from "./config.js";
export type { ManifestInput } from "./manifest.js";
export { writeManifest } from "./manifest.js";
export type { VerifyProblem, VerifyReport } from "./verify-types.js";
export { verifyRun } from "./verify.js";
export * from "./bookmarks.js";
