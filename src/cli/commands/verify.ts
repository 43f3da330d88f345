import { Command } from "commander";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";

import { UsageError } from "../../errors.js";
import { verifyRun } from "../../projector/index.js";
import type { VerifyProblem, VerifyReport } from "../../projector/index.js";
import type { CliContext, CommonOptions } from "../context.js";

/** Builds the `verify` command. */
export function verifyCommand(context: CliContext): Command {
  return new Command("verify")
    .description(
      "Check a run directory the way the Embedding Projector reads it: config, vectors, metadata, sequence links, bookmarks and manifest sums. Prints each problem as file:line: message and exits with 1 on any problem.",
    )
    .argument("<run-dir>", "run directory written by dream or export")
    .option("--json", "print the report as JSON on stdout")
    .option("--verbose", "print the checked directory on stderr")
    .action(async (runDir: string, options: CommonOptions) => {
      const dir = resolve(context.io.cwd, runDir);
      if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
        throw new UsageError(
          `verify: run directory "${runDir}" was not found. Pass a directory written by textdream dream or textdream export.`,
          "NOT_FOUND",
        );
      }
      context.logger(options).debug(`verifying ${dir}`);
      const report = await verifyRun(dir);
      if (options.json) context.printJson({ dir: runDir, ...report });
      else printReport(context, runDir, report);
      if (!report.ok) {
        const count = report.problems.length;
        throw new UsageError(
          `verify: found ${count} ${count === 1 ? "problem" : "problems"} in "${runDir}"; the projector would show it wrongly or not at all. Fix the files listed, or write the run again.`,
        );
      }
    });
}

function printReport(
  context: CliContext,
  runDir: string,
  report: VerifyReport,
): void {
  for (const problem of report.problems) context.print(formatProblem(problem));
  const shape = `${report.points} points of ${report.dim} dimensions`;
  const count = report.problems.length;
  context.print(
    report.ok
      ? `ok: ${runDir} (${shape})`
      : `${count} ${count === 1 ? "problem" : "problems"} in ${runDir} (${shape})`,
  );
}

/** Formats a problem as `file:line: message`, or `file: message`. */
export function formatProblem(problem: VerifyProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}
