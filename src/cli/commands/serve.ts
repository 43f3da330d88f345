import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `serve` command. */
export function serveCommand(context: CliContext): Command {
  void context;
  return new Command("serve").description("(under construction)").action(() => {
    throw new InternalError("the serve command is not built yet");
  });
}
