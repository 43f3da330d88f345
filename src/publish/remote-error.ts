import { RemoteError } from "../errors.js";
import { NEW_TOKEN_URL, redactToken } from "./token.js";

/** Context {@link toRemoteError} needs besides the error itself. */
export interface RemoteErrorContext {
  /** The request that failed, such as `PATCH /gists/<id>`. */
  operation: string;
  /** The token, removed from every text that leaves. */
  token: string;
  /** Seconds already spent waiting for rate limits. */
  waitedSeconds: number;
  /** The bound on those waits (`--max-wait`). */
  maxWaitSeconds: number;
  /** Wait in seconds that GitHub requested and the bound rejected, if any. */
  rejectedWaitSeconds: number | undefined;
}

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/**
 * Turns an Octokit failure into a RemoteError whose message names the
 * fix. The token is removed from the message, and the cause keeps only the
 * redacted message and status (Octokit errors carry the request, body and
 * headers included).
 */
export function toRemoteError(
  error: unknown,
  context: RemoteErrorContext,
): RemoteError {
  const failure = (error ?? {}) as OctokitLikeError;
  const status =
    typeof failure.status === "number" ? failure.status : undefined;
  const detail = redactToken(String(failure.message ?? error), context.token);
  const message = redactToken(
    describe(failure, status, detail, context),
    context.token,
  );
  const cause = new Error(
    `${context.operation}: ${status ?? "no status"}: ${detail}`,
  );
  return new RemoteError(message, status, { cause });
}

function describe(
  failure: OctokitLikeError,
  status: number | undefined,
  detail: string,
  context: RemoteErrorContext,
): string {
  const headers = failure.response?.headers ?? {};
  const { operation } = context;
  const scopes = headers["x-oauth-scopes"];
  if (
    (status === 404 || status === 401 || status === 403) &&
    scopes !== undefined &&
    !splitScopes(scopes).includes("gist")
  ) {
    return `${operation} failed with ${status}: the GitHub token lacks the gist scope (its scopes: ${scopes.trim() || "none"}), and GitHub answers ${status} instead of 403 then; nothing more was sent. Create a token with the gist scope at ${NEW_TOKEN_URL} and set GITHUB_TOKEN to it.`;
  }
  if (status === 401) {
    return `${operation} failed with 401 (${detail}): GitHub rejected the token as expired, revoked or mistyped; nothing more was sent. Create a new token with the gist scope at ${NEW_TOKEN_URL}.`;
  }
  if (isRateLimit(failure, status)) return rateLimitMessage(failure, context);
  if (status === 404) {
    return `${operation} failed with 404: the gist does not exist or is not yours (a fine-grained token needs the Gists account permission set to read and write). Pass --gist-id with a gist you own, or delete published.json to publish to a new gist.`;
  }
  if (status === 422) {
    return `${operation} failed with 422 (${detail}): GitHub rejected the files; expected non-blank text files under 10 MB each: check the run with textdream verify.`;
  }
  if (status === undefined || status >= 500 || !failure.response) {
    return `${operation} failed after its retries: ${failure.response ? `GitHub answered ${status} (${detail})` : `no answer from the server (${detail})`}. Check the network or --api-url and run publish again: it resumes from published.json without uploading unchanged files.`;
  }
  return `${operation} failed with ${status} (${detail}); run publish again later or with --verbose for the details.`;
}

function splitScopes(header: string): string[] {
  return header
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
}

function isRateLimit(
  failure: OctokitLikeError,
  status: number | undefined,
): boolean {
  if (status !== 403 && status !== 429) return false;
  const headers = failure.response?.headers ?? {};
  return (
    status === 429 ||
    headers["x-ratelimit-remaining"] === "0" ||
    headers["retry-after"] !== undefined ||
    /rate limit/i.test(String(failure.message))
  );
}

function rateLimitMessage(
  failure: OctokitLikeError,
  context: RemoteErrorContext,
): string {
  const headers = failure.response?.headers ?? {};
  const reset = Number(headers["x-ratelimit-reset"]);
  const when =
    headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)
      ? `the limit resets at ${new Date(reset * 1000).toISOString()}`
      : `GitHub requested a wait of ${headers["retry-after"] ?? context.rejectedWaitSeconds ?? "?"} s`;
  return `${context.operation} hit GitHub's rate limit: ${when}, beyond the --max-wait bound of ${context.maxWaitSeconds} s (already waited ${context.waitedSeconds} s); nothing more was sent and the run's data files are untouched. Run publish again later (it resumes from published.json) or raise --max-wait.`;
}
