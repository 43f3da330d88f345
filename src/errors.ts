/** Stable machine-readable codes carried by every textdream error. */
export type ErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "INVALID_FILE"
  | "NETWORK"
  | "INTERNAL";

/** Options shared by the textdream error classes. */
export interface TextdreamErrorOptions {
  /** The underlying error, kept for debugging and `--verbose`. */
  cause?: unknown;
}

/**
 * Base class of every error textdream raises on purpose. `exitCode` is what
 * the command line exits with: 1 for a user error, 2 for an internal one.
 */
export class TextdreamError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: 1 | 2;

  constructor(
    message: string,
    code: ErrorCode,
    exitCode: 1 | 2,
    options: TextdreamErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/**
 * Raised for bad input from the user: an argument, an option value, a
 * sentence or a file. The message names the value and the fix.
 */
export class UsageError extends TextdreamError {
  constructor(
    message: string,
    code: ErrorCode = "INVALID_INPUT",
    options: TextdreamErrorOptions = {},
  ) {
    super(message, code, 1, options);
  }
}

/**
 * Raised when a file textdream reads breaks its format: a cache, a run
 * directory, a vectors file. The message names the file and the line or
 * byte offset.
 */
export class FileFormatError extends TextdreamError {
  constructor(message: string, options: TextdreamErrorOptions = {}) {
    super(message, "INVALID_FILE", 1, options);
  }
}

/**
 * Raised when a remote service (the GitHub API) fails after retries. The
 * message never contains a token.
 */
export class RemoteError extends TextdreamError {
  readonly status: number | undefined;

  constructor(
    message: string,
    status: number | undefined,
    options: TextdreamErrorOptions = {},
  ) {
    super(message, "NETWORK", 1, options);
    this.status = status;
  }
}

/** Raised when textdream itself is wrong; the command line exits with 2. */
export class InternalError extends TextdreamError {
  constructor(message: string, options: TextdreamErrorOptions = {}) {
    super(message, "INTERNAL", 2, options);
  }
}
