// Builds the native search kernel with node-gyp when the Node headers are
// on this machine, so the build never downloads them. When anything is
// missing it prints one line and exits 0: searches then use WebAssembly.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const prefix =
  process.env.npm_config_nodedir || join(process.execPath, "../..");
const header = join(prefix, "include", "node", "node_api.h");

function skip(reason) {
  console.warn(
    `textdream: native search kernel not built (${reason}); searches use WebAssembly.`,
  );
  process.exit(0);
}

if (process.arch !== "x64") skip(`${process.arch} has no AVX2`);
if (!existsSync(header)) skip(`no Node headers at ${header}`);
const result = spawnSync(
  "node-gyp",
  ["rebuild", "--directory", here, `--nodedir=${prefix}`, "--loglevel=error"],
  { stdio: "inherit" },
);
if (result.error) skip(`node-gyp did not start: ${result.error.message}`);
if (result.status !== 0) skip(`node-gyp exited with ${result.status}`);
