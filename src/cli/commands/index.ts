import type { Command } from "commander";

import type { CliContext } from "../context.js";
import { dreamCommand } from "./dream.js";
import { exportCommand } from "./export.js";
import { neighborsCommand } from "./neighbors.js";
import { previewCommand } from "./preview.js";
import { publishCommand } from "./publish.js";
import { serveCommand } from "./serve.js";
import { trainCommand } from "./train.js";
import { verifyCommand } from "./verify.js";

/** Every command of the program, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(context: CliContext) => Command> = [
  dreamCommand,
  exportCommand,
  previewCommand,
  publishCommand,
  serveCommand,
  trainCommand,
  verifyCommand,
  neighborsCommand,
];
