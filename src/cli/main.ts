import { Command, CommanderError } from "commander";

import { TextdreamError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { CliContext, CliIo, CommonOptions } from "./context.js";
import { createProgress } from "./progress.js";
import { COMMANDS } from "./commands/index.js";
import { VERSION } from "../version.js";

/**
 * Runs the textdream command line with `argv` (without `node` and the script
 * name) and returns the exit code: 0 on success, 1 on a user error, 2 on an
 * internal failure. Nothing calls `process.exit`, so tests can drive it.
 */
export async function runCli(
  argv: string[],
  io: Partial<CliIo> = {},
): Promise<number> {
  const fullIo: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    interrupted: io.interrupted,
  };
  const context = createContext(fullIo);
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error, fullIo, argv.includes("--verbose"));
  }
}

/** Builds the commander program with every command registered. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("textdream")
    .description(
      "Dream over text with a sentiment classifier and publish the trajectory to the TensorFlow Embedding Projector.",
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  for (const register of COMMANDS) {
    const command = register(context);
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
    program.addCommand(command);
  }
  return program;
}

function createContext(io: CliIo): CliContext {
  return {
    io,
    logger: (options: CommonOptions) => createLogger(io, options),
    progress: () => createProgress(io.stderr),
    print: (line: string) => io.stdout.write(`${line}\n`),
    printJson: (value: unknown) =>
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

function createLogger(io: CliIo, options: CommonOptions): Logger {
  return {
    debug: (message) => {
      if (options.verbose) io.stderr.write(`${message}\n`);
    },
    info: (message) => io.stderr.write(`${message}\n`),
    warn: (message) => io.stderr.write(`warning: ${message}\n`),
  };
}

function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message; help and version exit with 0.
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return 0;
    }
    return error.exitCode === 0 ? 0 : 1;
  }
  if (error instanceof TextdreamError) {
    io.stderr.write(`error: ${error.message}\n`);
    if (verbose && error.cause !== undefined) {
      io.stderr.write(`cause: ${String(error.cause)}\n`);
    }
    return error.exitCode;
  }
  const detail =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`internal error: ${detail}\n`);
  return 2;
}
