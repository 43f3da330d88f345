import { Command } from "commander";
import { resolve } from "node:path";

import { formatPlannedRequest, planPublish } from "../../publish/plan.js";
import { publishRun } from "../../publish/publish.js";
import { resolveToken } from "../../publish/token.js";
import { integerOption, numberOption } from "../options.js";
import type { CliContext, CommonOptions } from "../context.js";

interface PublishCliOptions extends CommonOptions {
  tokenFile?: string;
  apiUrl?: string;
  public?: boolean;
  description?: string;
  gistId?: string;
  dryRun?: boolean;
  maxWait: number;
  retries: number;
}

/** Builds the `publish` command. */
export function publishCommand(context: CliContext): Command {
  return new Command("publish")
    .description(
      "Upload a run to a GitHub gist (secret by default) and print the Embedding Projector link. The token comes from --token-file, else GITHUB_TOKEN, else GH_TOKEN, and needs the gist scope.",
    )
    .argument("<run-dir>", "run directory written by dream or export")
    .option(
      "--token-file <path>",
      "file holding the GitHub token (wins over GITHUB_TOKEN and GH_TOKEN)",
    )
    .option(
      "--api-url <url>",
      "GitHub REST API base URL (default: GITHUB_API_URL, else https://api.github.com)",
    )
    .option("--public", "list the gist publicly (default: secret)")
    .option(
      "--description <text>",
      "gist description (default: the run's sentences)",
    )
    .option(
      "--gist-id <id>",
      "gist to update (default: the one in published.json, else a new gist)",
    )
    .option(
      "--dry-run",
      "print each request (method, path, files and sizes) and send nothing",
    )
    .option(
      "--max-wait <seconds>",
      "most seconds to wait for GitHub rate limits in total",
      numberOption({ min: 0 }),
      60,
    )
    .option(
      "--retries <count>",
      "retries after a 5xx answer or a dropped connection, waiting 1, 4, 9... s",
      integerOption({ min: 0, max: 10 }),
      3,
    )
    .option("--json", "print the publish record as JSON")
    .option("--verbose", "print each request and the underlying errors")
    .action(async (runDir: string, options: PublishCliOptions) => {
      const dir = resolve(context.io.cwd, runDir);
      if (options.dryRun) return printPlan(context, dir, options);
      const logger = context.logger(options);
      const token = await resolveToken({
        env: context.io.env,
        tokenFile: options.tokenFile,
        cwd: context.io.cwd,
      });
      const result = await publishRun(dir, {
        token,
        apiUrl: options.apiUrl ?? (context.io.env.GITHUB_API_URL || undefined),
        public: options.public,
        description: options.description,
        gistId: options.gistId,
        maxWaitSeconds: options.maxWait,
        retries: options.retries,
        logger,
      });
      const { record } = result;
      logger.info(
        `uploaded: ${result.uploaded.join(", ") || "nothing (the gist already contains the same files)"}; unchanged: ${result.unchanged.join(", ") || "none"}`,
      );
      if (options.json) return context.printJson(record);
      context.print(`gist: ${record.htmlUrl}`);
      context.print(`projector: ${record.projectorUrl ?? ""}`);
    });
}

async function printPlan(
  context: CliContext,
  dir: string,
  options: PublishCliOptions,
): Promise<void> {
  const plan = await planPublish(dir, { gistId: options.gistId });
  const logger = context.logger(options);
  const token = await resolveToken({
    env: context.io.env,
    tokenFile: options.tokenFile,
    cwd: context.io.cwd,
  });
  if (!token) {
    logger.warn(
      "no token found (GITHUB_TOKEN, GH_TOKEN, --token-file): a real publish would stop before its first request",
    );
  }
  if (options.json) return context.printJson({ dryRun: true, requests: plan });
  logger.info("dry run: these requests would be sent; nothing was sent");
  for (const request of plan) context.print(formatPlannedRequest(request));
}
