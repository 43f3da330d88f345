import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `verify` command. */
export function verifyCommand(context: CliContext): Command {
  void context;
  return new Command("verify")
    .description("(under construction)")
    .action(() => {
      throw new InternalError("the verify command is not built yet");
    });
}
