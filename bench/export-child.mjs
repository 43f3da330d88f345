// Exports one file with the built library alone, without loading the rest
// of the command line: `node bench/export-child.mjs <input> <out> <format>`.
import { exportEmbeddings } from "../dist/export/index.js";

const [input, out, format] = process.argv.slice(2);
const result = await exportEmbeddings(input, out, {
  format,
  logger: {
    debug() {},
    info() {},
    warn: (m) => process.stderr.write(`${m}\n`),
  },
});
process.stdout.write(`${result.rows} x ${result.dim}\n`);
