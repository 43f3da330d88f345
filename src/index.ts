// The textdream library: every command-line command is a thin layer over
// these exports, so the same work can be scripted from Node.
export * from "./errors.js";
export * from "./backend.js";
export type { Logger, ProgressCallback } from "./io/logger.js";
export { silentLogger } from "./io/logger.js";
export { cacheDirectory } from "./io/cache-dir.js";
export { writeFileAtomic, writeJsonAtomic } from "./io/atomic.js";
export * from "./embeddings/index.js";
export * from "./text/index.js";
export * from "./model/index.js";
export * from "./dream/index.js";
export * from "./projector/index.js";
export * from "./layout/index.js";
export * from "./preview/index.js";
export * from "./publish/index.js";
export * from "./serve/index.js";
export * from "./export/index.js";
export { runCli } from "./cli/main.js";
export { VERSION } from "./version.js";
