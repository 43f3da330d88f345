import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

import type { Logger } from "../io/logger.js";
import { VERSION } from "../version.js";
import { toRemoteError } from "./remote-error.js";
import { redactToken } from "./token.js";

/** Default GitHub REST API base URL. */
export const DEFAULT_API_URL = "https://api.github.com";

/** A file as the gist API returns it; `content` may be truncated. */
export interface GistFileInfo {
  filename?: string;
  raw_url?: string;
  size?: number;
}

/** The parts of a gist response a publish reads. */
export interface GistInfo {
  id: string;
  htmlUrl: string;
  owner: string;
  public: boolean;
  /** Newest revision sha, from `history`, when GitHub sends it. */
  revision: string | undefined;
  files: Record<string, GistFileInfo>;
}

/** Settings of {@link createGistClient}. */
export interface GistClientOptions {
  token: string;
  /** REST API base URL; default https://api.github.com. */
  apiUrl: string;
  logger: Logger;
  /** Maximum total wait for rate limits, in seconds; default 60. */
  maxWaitSeconds?: number;
  /** Retries of a request that failed with 5xx or a dropped connection; default 3 (waits 1, 4, 9 s). */
  retries?: number;
}

/** The three gist calls a publish makes. */
export interface GistClient {
  get(id: string): Promise<GistInfo>;
  create(body: Required<GistWrite> & { public: boolean }): Promise<GistInfo>;
  update(id: string, body: GistWrite): Promise<GistInfo>;
}

/** Files and description of a create or update request. */
export interface GistWrite {
  description?: string;
  /** Files to create or replace; left out for a description-only update. */
  files?: Record<string, { content: string }>;
}

const RetryingOctokit = Octokit.plugin(retry, throttling);

/**
 * REST API version every request names. It pins the response shape,
 * including the gist `history` that the revision-pinned URLs come from.
 */
const API_VERSION = { "x-github-api-version": "2022-11-28" };

/**
 * Creates a gist client over Octokit with the retry and throttling plugins:
 * 5xx responses are retried with back-off, rate limits wait as GitHub's
 * headers say (shown through `logger.info`) within `maxWaitSeconds` in
 * total, and every failure becomes a RemoteError without the token.
 */
export function createGistClient(options: GistClientOptions): GistClient {
  const { token, logger } = options;
  const budget = waitBudget(options.maxWaitSeconds ?? 60, logger);
  const octokit = new RetryingOctokit({
    auth: token,
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    userAgent: `textdream/${VERSION}`,
    log: quietLog(logger, token),
    // NOTE: a create retried after a dropped connection can leave a second
    // gist when GitHub applied the first request, because the id comes only
    // from the response; updates are safe to repeat.
    retry: {
      retries: options.retries ?? 3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: (seconds, request) =>
        budget.allow(seconds, "primary rate limit", request),
      onSecondaryRateLimit: (seconds, request) =>
        budget.allow(seconds, "secondary rate limit", request),
    },
  });
  const call = async (operation: string, run: () => Promise<unknown>) => {
    try {
      return toGistInfo(await run());
    } catch (error) {
      throw toRemoteError(error, { operation, token, ...budget.state() });
    }
  };
  return {
    get: (id) =>
      call(
        `GET /gists/${id}`,
        async () =>
          (await octokit.rest.gists.get({ gist_id: id, headers: API_VERSION }))
            .data,
      ),
    create: (body) =>
      call(
        "POST /gists",
        async () =>
          (await octokit.rest.gists.create({ ...body, headers: API_VERSION }))
            .data,
      ),
    update: (id, body) =>
      call(
        `PATCH /gists/${id}`,
        async () =>
          (
            await octokit.rest.gists.update({
              gist_id: id,
              ...body,
              headers: API_VERSION,
            })
          ).data,
      ),
  };
}

interface RequestInfo {
  method?: string;
  url?: string;
}

/** Tracks rate-limit waits against the total allowed. */
function waitBudget(maxSeconds: number, logger: Logger) {
  let waited = 0;
  let rejected: number | undefined;
  return {
    allow(seconds: number, kind: string, request: RequestInfo): boolean {
      if (waited + seconds > maxSeconds) {
        rejected = seconds;
        return false;
      }
      waited += seconds;
      logger.info(
        `GitHub ${kind} on ${request.method ?? ""} ${request.url ?? ""}: waiting ${seconds} s as the response asks (${waited} of at most ${maxSeconds} s)`,
      );
      return true;
    },
    state: () => ({
      waitedSeconds: waited,
      maxWaitSeconds: maxSeconds,
      rejectedWaitSeconds: rejected,
    }),
  };
}

function quietLog(logger: Logger, token: string) {
  const debug = (message: string) => logger.debug(redactToken(message, token));
  return {
    debug,
    info: debug,
    warn: (message: string) => logger.warn(redactToken(message, token)),
    error: debug,
  };
}

function toGistInfo(data: unknown): GistInfo {
  const gist = data as {
    id: string;
    html_url: string;
    owner?: { login: string };
    public: boolean;
    history?: Array<{ version?: string }> | null;
    files: Record<string, GistFileInfo | null>;
  };
  const files: Record<string, GistFileInfo> = {};
  for (const [name, file] of Object.entries(gist.files ?? {})) {
    if (file)
      files[name] = {
        filename: file.filename,
        raw_url: file.raw_url,
        size: file.size,
      };
  }
  return {
    id: gist.id,
    htmlUrl: gist.html_url,
    owner: gist.owner?.login ?? "",
    public: gist.public,
    revision: gist.history?.[0]?.version,
    files,
  };
}
