import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `export` command. */
export function exportCommand(context: CliContext): Command {
  void context;
  return new Command("export")
    .description("(under construction)")
    .action(() => {
      throw new InternalError("the export command is not built yet");
    });
}
