import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `publish` command. */
export function publishCommand(context: CliContext): Command {
  void context;
  return new Command("publish")
    .description("(under construction)")
    .action(() => {
      throw new InternalError("the publish command is not built yet");
    });
}
