import { runCli } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/context.js";

/** What one in-process run of the command line printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command line in this process with `argv`, capturing stdout and
 * stderr. `io` overrides the environment, working directory or TTY flags.
 */
export async function runTextdream(
  argv: string[],
  io: Partial<Omit<CliIo, "stdout" | "stderr">> & {
    stderrIsTTY?: boolean;
  } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    env: io.env ?? { ...process.env },
    cwd: io.cwd,
    interrupted: io.interrupted,
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: {
      write: (chunk: string) => (stderr += chunk),
      isTTY: io.stderrIsTTY ?? false,
    },
  });
  return { code, stdout, stderr };
}
