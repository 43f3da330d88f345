import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `neighbors` command. */
export function neighborsCommand(context: CliContext): Command {
  void context;
  return new Command("neighbors")
    .description("(under construction)")
    .action(() => {
      throw new InternalError("the neighbors command is not built yet");
    });
}
