import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `dream` command. */
export function dreamCommand(context: CliContext): Command {
  void context;
  return new Command("dream").description("(under construction)").action(() => {
    throw new InternalError("the dream command is not built yet");
  });
}
