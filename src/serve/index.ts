export { serveRun, requestedName, absoluteConfig } from "./server.js";
export type { ServeOptions, ServedRun } from "./server.js";
