import { Command } from "commander";

import { InternalError } from "../../errors.js";
import type { CliContext } from "../context.js";

/** Builds the `train` command. */
export function trainCommand(context: CliContext): Command {
  void context;
  return new Command("train").description("(under construction)").action(() => {
    throw new InternalError("the train command is not built yet");
  });
}
