import {
  countChanges,
  gistBody,
  revisionSha,
  type FakeAccount,
  type FakeGist,
  type FakeOrigins,
} from "./fake-gist-store.js";
import { validateRequest } from "./openapi.js";

/** A failure the fake returns instead of doing the work. */
export type Fault =
  | { kind: "status"; status: 500 | 502 | 503 }
  | { kind: "secondary"; retryAfter: number; status?: 403 | 429 }
  | { kind: "primary"; resetInSeconds: number }
  | { kind: "validation" }
  | { kind: "drop" }
  /** A 500 whose message repeats the request's Authorization header. */
  | { kind: "echo" };

/** Which requests a fault applies to and how many times. */
export interface FaultRule {
  method?: string;
  /** Matches when the request path starts with this. */
  path?: string;
  /** Number of matching requests it hits; Infinity until cleared. */
  times: number;
  fault: Fault;
}

/** One request the fake received, for assertions. */
export interface LoggedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The `X-GitHub-Api-Version` header, when sent. */
  apiVersion: string | undefined;
  /** File names in a POST/PATCH body, in body order. */
  files: string[];
  body: unknown;
  status: number | "dropped";
}

const DOCS = "https://docs.github.com/rest/gists/gists";

/** Everything the fake holds. */
export interface State {
  origins: FakeOrigins;
  tokens: Record<string, FakeAccount>;
  gists: Map<string, FakeGist>;
  requests: LoggedRequest[];
  problems: string[];
  faults: FaultRule[];
  serial: number;
  now: () => Date;
}

/** A status, body and extra headers to send. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds a `basic-error` reply. */
export function error(
  status: number,
  message: string,
  extra: object = {},
): Reply {
  return {
    status,
    body: {
      message,
      documentation_url: DOCS,
      status: String(status),
      ...extra,
    },
  };
}

/** Builds the reply of an injected fault. */
export function faultReply(fault: Fault, state: State): Reply {
  switch (fault.kind) {
    case "status":
      return error(fault.status, "Server Error");
    case "secondary":
      return {
        ...error(
          fault.status ?? 403,
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        ),
        headers: { "retry-after": String(fault.retryAfter) },
      };
    case "primary": {
      const reset = Math.ceil(Date.now() / 1000) + fault.resetInSeconds;
      return {
        ...error(403, "API rate limit exceeded for user ID 1."),
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": `${reset}`,
        },
      };
    }
    case "validation":
      return validationFailed();
    default:
      return error(500, `unhandled fault ${fault.kind} at ${state.serial}`);
  }
}

function validationFailed(): Reply {
  const errors = [{ resource: "Gist", code: "missing_field", field: "files" }];
  const { body } = error(422, "Validation Failed", { errors });
  delete (body as { status?: string }).status;
  return { status: 422, body };
}

/** Handles a gist API request and returns the reply. */
export function route(
  state: State,
  account: FakeAccount,
  method: string,
  path: string,
  body: unknown,
): Reply {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] !== "gists") return error(404, "Not Found");
  const gist = parts[1] ? state.gists.get(parts[1]) : undefined;
  if (method === "POST" && parts.length === 1) {
    return writeGist(state, account, undefined, body);
  }
  if (!gist) return error(404, "Not Found");
  if (method === "GET" && parts.length === 2) {
    return { status: 200, body: gistBody(gist, state.origins) };
  }
  if (method === "GET" && parts.length === 3) {
    const revision = gist.revisions.find((r) => r.version === parts[2]);
    if (!revision) return error(404, "Not Found");
    return { status: 200, body: gistBody(gist, state.origins, revision) };
  }
  if (method === "PATCH" && parts.length === 2) {
    if (gist.owner.login !== account.login) return error(404, "Not Found");
    return writeGist(state, account, gist, body);
  }
  return error(404, "Not Found");
}

interface WriteBody {
  description?: string;
  public?: boolean | "true" | "false";
  files?: Record<string, { content?: string; filename?: string | null } | null>;
}

function writeGist(
  state: State,
  account: FakeAccount,
  gist: FakeGist | undefined,
  raw: unknown,
): Reply {
  // GitHub returns 404, not 403, when the token lacks the gist scope.
  if (!account.scopes.includes("gist")) return error(404, "Not Found");
  const method = gist ? "PATCH" : "POST";
  const route = gist ? "/gists/{gist_id}" : "/gists";
  const problems = validateRequest(method, route, raw);
  if (problems.length > 0) {
    state.problems.push(...problems.map((p) => `${method} ${route}: ${p}`));
    return validationFailed();
  }

  const body = raw as WriteBody;
  const before = gist?.revisions[0].files ?? new Map<string, string>();
  const after = applyFiles(before, body.files ?? {});
  if (after === undefined || after.size === 0) return validationFailed();

  const now = state
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  state.serial += 1;
  const target: FakeGist = gist ?? {
    id: revisionSha(after, "gist", state.serial).slice(0, 32),
    owner: account,
    public: body.public === true || body.public === "true",
    description: body.description ?? null,
    createdAt: now,
    revisions: [],
  };
  if (gist && body.description !== undefined) {
    target.description = body.description;
  }

  const changes = countChanges(before, after);
  if (!gist || !sameFiles(before, after)) {
    const parent = target.revisions[0]?.version ?? "";
    target.revisions.unshift({
      version: revisionSha(after, parent, state.serial),
      committedAt: now,
      files: after,
      changes,
    });
  }
  state.gists.set(target.id, target);
  return { status: gist ? 200 : 201, body: gistBody(target, state.origins) };
}

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Applies a files object; undefined when a content is blank (GitHub's 422). */
function applyFiles(
  before: Map<string, string>,
  files: NonNullable<WriteBody["files"]>,
): Map<string, string> | undefined {
  const after = new Map(before);
  for (const [name, change] of Object.entries(files)) {
    if (change === null) {
      after.delete(name);
      continue;
    }
    const content = change.content ?? before.get(name);
    if (content === undefined || content.trim() === "") return undefined;
    after.delete(name);
    after.set(change.filename ?? name, content);
  }
  return after;
}
