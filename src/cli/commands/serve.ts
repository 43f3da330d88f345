import { Command } from "commander";
import { resolve } from "node:path";

import { serveRun } from "../../serve/server.js";
import { integerOption } from "../options.js";
import type { CliContext, CommonOptions } from "../context.js";

interface ServeCliOptions extends CommonOptions {
  port: number;
}

/** Builds the `serve` command. */
export function serveCommand(context: CliContext): Command {
  return new Command("serve")
    .description(
      "Serve a run on 127.0.0.1 so the hosted Embedding Projector can load it without a gist; prints the projector link and runs until Ctrl-C.",
    )
    .argument("<run-dir>", "run directory written by dream or export")
    .option(
      "--port <port>",
      "TCP port, 0 for any free port",
      integerOption({ min: 0, max: 65535 }),
      0,
    )
    .option("--json", "print the URLs as JSON")
    .option("--verbose", "print one line per request on stderr")
    .action(async (runDir: string, options: ServeCliOptions) => {
      const logger = context.logger(options);
      const served = await serveRun(resolve(context.io.cwd, runDir), {
        port: options.port,
        logger,
      });
      const { url, configUrl, projectorUrl } = served;
      if (options.json) {
        context.printJson({ url, configUrl, projectorUrl });
      } else {
        context.print(`serving: ${url}`);
        context.print(`projector: ${projectorUrl}`);
      }
      logger.info("press Ctrl-C to stop");
      await (context.io.interrupted ?? nextSigint());
      await served.close();
      logger.info("stopped");
    });
}

/** Resolves at the next SIGINT, then stops listening for it. */
function nextSigint(): Promise<void> {
  return new Promise((resolve) => process.once("SIGINT", () => resolve()));
}
