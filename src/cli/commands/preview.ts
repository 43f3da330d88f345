import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `preview` command. */
export function previewCommand(context: CliContext): Command {
  void context;
  return new Command("preview")
    .description("(under construction)")
    .action(() => {
      throw new InternalError("the preview command is not built yet");
    });
}
