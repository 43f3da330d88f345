import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

import {
  error,
  faultReply,
  route,
  type Fault,
  type FaultRule,
  type LoggedRequest,
  type Reply,
  type State,
} from "./fake-gist-api.js";
import {
  rawContent,
  type FakeAccount,
  type FakeGist,
} from "./fake-gist-store.js";
import { validateResponse } from "./openapi.js";

export { blobSha, TRUNCATE_BYTES } from "./fake-gist-store.js";
export type { FakeAccount, FakeGist } from "./fake-gist-store.js";
export type { Fault, FaultRule, LoggedRequest } from "./fake-gist-api.js";

/** A GitHub-compatible gist server on 127.0.0.1, for tests. */
export interface FakeGitHub {
  /** API base URL to pass as `--api-url`. */
  apiUrl: string;
  /** Origin of the gist host that serves raw files, like gist.githubusercontent.com. */
  gistOrigin: string;
  gists: Map<string, FakeGist>;
  requests: LoggedRequest[];
  /** Schema mismatches of any request or response; tests expect none. */
  problems: string[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Stops both servers; rejects when any schema problem was recorded. */
  close(): Promise<void>;
}

/**
 * Starts the fake on two ports of 127.0.0.1: one for the REST API, one for
 * the gist host. `tokens` maps each accepted token to its account.
 */
export async function startFakeGitHub(
  tokens: Record<string, FakeAccount>,
): Promise<FakeGitHub> {
  const state: State = {
    origins: { api: "", gist: "" },
    tokens,
    gists: new Map(),
    requests: [],
    problems: [],
    faults: [],
    serial: 0,
    now: () => new Date(Date.UTC(2026, 0, 1) + state.serial * 1000),
  };
  const api = createServer((req, res) => void handleApi(state, req, res));
  const gist = createServer((req, res) => handleGistHost(state, req, res));
  state.origins.api = await listen(api);
  state.origins.gist = await listen(gist);
  return {
    apiUrl: state.origins.api,
    gistOrigin: state.origins.gist,
    gists: state.gists,
    requests: state.requests,
    problems: state.problems,
    inject: (rule) => state.faults.push({ ...rule }),
    clearFaults: () => void state.faults.splice(0),
    close: async () => {
      await Promise.all([stop(api), stop(gist)]);
      if (state.problems.length > 0) {
        throw new Error(`schema problems:\n${state.problems.join("\n")}`);
      }
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

async function handleApi(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", state.origins.api).pathname;
  const body = await readBody(req);
  const files = Object.keys(
    ((body as { files?: object } | undefined)?.files ?? {}) as object,
  );
  const entry: LoggedRequest = {
    method,
    path,
    authorization: req.headers.authorization,
    apiVersion: req.headers["x-github-api-version"] as string | undefined,
    files,
    body,
    status: 0,
  };
  state.requests.push(entry);

  const fault = takeFault(state, method, path);
  if (fault?.kind === "drop") {
    entry.status = "dropped";
    req.socket.destroy();
    return;
  }
  const account = authenticate(state, req.headers.authorization);
  let reply: Reply;
  if (fault?.kind === "echo") {
    reply = error(500, `Server Error for ${req.headers.authorization}`);
  } else if (account === undefined) {
    reply = error(401, "Bad credentials");
  } else if (fault) {
    reply = faultReply(fault, state);
  } else {
    reply = route(state, account, method, path, body);
  }
  entry.status = reply.status;
  send(state, res, method, path, reply, account);
}

function takeFault(
  state: State,
  method: string,
  path: string,
): Fault | undefined {
  const rule = state.faults.find(
    (item) =>
      item.times > 0 &&
      (item.method === undefined || item.method === method) &&
      (item.path === undefined || path.startsWith(item.path)),
  );
  if (!rule) return undefined;
  rule.times -= 1;
  return rule.fault;
}

function authenticate(
  state: State,
  header: string | undefined,
): FakeAccount | undefined {
  const match = /^(?:token|bearer) (.+)$/i.exec(header ?? "");
  return match ? state.tokens[match[1]] : undefined;
}

function send(
  state: State,
  res: ServerResponse,
  method: string,
  path: string,
  reply: Reply,
  account: FakeAccount | undefined,
): void {
  const route =
    path.split("/").length > 3
      ? "/gists/{gist_id}/{sha}"
      : path === "/gists"
        ? "/gists"
        : "/gists/{gist_id}";
  const problems = checkReply(method, route, reply);
  state.problems.push(
    ...problems.map((p) => `${method} ${path} ${reply.status}: ${p}`),
  );
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": String(Math.max(0, 4999 - state.requests.length)),
    "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": "core",
    // GitHub tags every response with a request id, which Octokit logs.
    "x-github-request-id": `FAKE:${String(state.requests.length).padStart(6, "0")}`,
    ...(account
      ? {
          "x-oauth-scopes": account.scopes.join(", "),
          "x-accepted-oauth-scopes": "",
        }
      : {}),
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
}

/**
 * Validates a reply against the documented response, or against GitHub's
 * `basic-error` for statuses any endpoint can send (401, 403, 429, 5xx).
 */
function checkReply(method: string, route: string, reply: Reply): string[] {
  const documented = validateResponse(method, route, reply.status, reply.body);
  if (!documented[0]?.includes("does not document")) return documented;
  if (reply.status < 400) return documented;
  return validateResponse("GET", "/gists/{gist_id}", 404, reply.body);
}

function handleGistHost(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const path = new URL(req.url ?? "/", state.origins.gist).pathname;
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const gist = state.gists.get(parts[1] ?? "");
  const cors = { "access-control-allow-origin": "*" };
  if (!gist || gist.owner.login !== parts[0]) {
    res.writeHead(404, cors).end("404: Not Found");
    return;
  }
  if (parts.length === 2) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<h1>${gist.id}</h1>`);
    return;
  }
  const pinned = parts.length === 5;
  const content =
    parts[2] === "raw" && (pinned || parts.length === 4)
      ? rawContent(gist, pinned ? parts[3] : undefined, parts[parts.length - 1])
      : undefined;
  if (content === undefined) {
    res.writeHead(404, cors).end("404: Not Found");
    return;
  }
  res.writeHead(200, { ...cors, "content-type": "text/plain; charset=utf-8" });
  res.end(content);
}
