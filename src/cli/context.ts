import type { Logger, ProgressCallback } from "../io/logger.js";

/** A stream the command line writes to; `process.stdout` fits. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal, so progress bars are drawn. */
  isTTY?: boolean;
  /** Terminal width in characters, when known. */
  columns?: number;
}

/** The environment the command line reads and the streams it writes. */
export interface CliIo {
  /** Receives data: tables, JSON, links. */
  stdout: OutputStream;
  /** Receives progress and diagnostics. */
  stderr: OutputStream;
  /** Environment variables; `process.env` by default. */
  env: NodeJS.ProcessEnv;
  /** Working directory that relative paths resolve against. */
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT); for `serve`. */
  interrupted?: Promise<void>;
}

/** Options every command accepts. */
export interface CommonOptions {
  verbose?: boolean;
  json?: boolean;
  backend?: string;
}

/** Shared services a command's action receives besides its arguments. */
export interface CliContext {
  io: CliIo;
  /** Builds a logger that honours `--verbose`. */
  logger(options: CommonOptions): Logger;
  /** Builds a progress callback drawing on stderr. */
  progress(options: CommonOptions): ProgressCallback;
  /** Writes one line to stdout. */
  print(line: string): void;
  /** Writes `value` as pretty JSON to stdout. */
  printJson(value: unknown): void;
}
