/**
 * Receives diagnostics from library code, which never calls `console`.
 * The command line prints them on stderr.
 */
export interface Logger {
  /** Reports detail shown only with `--verbose`. */
  debug(message: string): void;
  /** Reports progress a user normally sees, one line per stage. */
  info(message: string): void;
  /** Reports a problem that did not stop the work. */
  warn(message: string): void;
}

/**
 * Reports how far a long operation is: `fraction` in [0, 1] and a short
 * stage name such as "building vocabulary cache".
 */
export type ProgressCallback = (fraction: number, stage: string) => void;

/** A logger that drops every message. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
};
