import { readFile, realpath, stat } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";

import { FileFormatError, UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import { RUN_FILES } from "../projector/run-files.js";
import { projectorLink } from "../publish/urls.js";

/** Settings of {@link serveRun}. */
export interface ServeOptions {
  /** TCP port; default 0, any free port. */
  port?: number;
  /** Address to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Receives one debug line per request. */
  logger?: Logger;
}

/** A run being served; `close` stops the server. */
export interface ServedRun {
  /** Base URL with a final slash, such as `http://127.0.0.1:8080/`. */
  url: string;
  /** URL of the served `projector_config.json`. */
  configUrl: string;
  /** Embedding Projector link that opens the served config. */
  projectorUrl: string;
  port: number;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

/** Names a served run may expose: the run's own files, nothing else. */
const SERVABLE = new Set<string>(Object.values(RUN_FILES));

const CONTENT_TYPES: Record<string, string> = {
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".pbtxt": "text/plain; charset=utf-8",
  ".bytes": "application/octet-stream",
};

/**
 * Serves the run directory `dir` over HTTP for the hosted Embedding
 * Projector: only files named in RUN_FILES that are regular files inside
 * the run, with `Access-Control-Allow-Origin: *`, the private-network
 * preflight response, and `projector_config.json` rewritten to absolute URLs
 * on this server.
 */
export async function serveRun(
  dir: string,
  options: ServeOptions = {},
): Promise<ServedRun> {
  const root = await runRoot(dir);
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? silentLogger;
  let base = "";
  const server = createServer((req, res) => {
    handle(root, base, req, res).then(
      (status) => logger.debug(`${req.method} ${req.url} ${status}`),
      (error: unknown) => {
        logger.warn(
          `serve failed on ${req.method} ${req.url}: ${String(error)}`,
        );
        if (!res.headersSent) res.writeHead(500, corsHeaders());
        res.end();
      },
    );
  });
  const port = await listen(server, options.port ?? 0, host);
  base = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  const configUrl = `${base}${RUN_FILES.config}`;
  return {
    url: base,
    configUrl,
    projectorUrl: projectorLink(configUrl),
    port,
    close: () => stopServer(server),
  };
}

async function runRoot(dir: string): Promise<string> {
  const root = await realpath(dir).catch(() => undefined);
  const info = root
    ? await stat(join(root, RUN_FILES.config)).catch(() => undefined)
    : undefined;
  if (!root || !info?.isFile()) {
    throw new FileFormatError(
      `serve found no ${RUN_FILES.config} in ${dir}; expected a run directory written by textdream dream or textdream export: pass that directory.`,
    );
  }
  return root;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `serve could not listen on ${host}:${port} (${error.code ?? error.message}); expected a free port: pass another --port, or 0 for any free port.`,
        ),
      ),
    );
    server.listen(port, host, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function corsHeaders(): Record<string, string> {
  return { "access-control-allow-origin": "*", "cache-control": "no-store" };
}

/** Handles one request and returns the status code sent. */
async function handle(
  root: string,
  base: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  if (req.method === "OPTIONS") return preflight(req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { ...corsHeaders(), allow: "GET, HEAD, OPTIONS" }).end();
    return 405;
  }
  const name = requestedName(req.url ?? "");
  const path = name === undefined ? undefined : await insideRun(root, name);
  if (name === undefined || path === undefined) {
    res.writeHead(404, {
      ...corsHeaders(),
      "content-type": "text/plain; charset=utf-8",
    });
    res.end(req.method === "HEAD" ? undefined : "not found\n");
    return 404;
  }
  let body: Buffer = await readFile(path);
  if (name === RUN_FILES.config) body = Buffer.from(absoluteConfig(body, base));
  res.writeHead(200, {
    ...corsHeaders(),
    "content-type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
    "content-length": String(body.length),
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return 200;
}

function preflight(req: IncomingMessage, res: ServerResponse): number {
  const headers: Record<string, string> = {
    ...corsHeaders(),
    "access-control-allow-methods": "GET, HEAD, OPTIONS",
    "access-control-max-age": "600",
  };
  const requested = req.headers["access-control-request-headers"];
  if (typeof requested === "string") {
    headers["access-control-allow-headers"] = requested;
  }
  if (req.headers["access-control-request-private-network"] === "true") {
    headers["access-control-allow-private-network"] = "true";
  }
  res.writeHead(204, headers).end();
  return 204;
}

/**
 * Returns the run file a request path names, or undefined unless the path
 * is exactly `/<name>` for an allowed name. So dot segments, encoded
 * slashes and nested paths never match.
 */
export function requestedName(url: string): string | undefined {
  const path = url.split(/[?#]/, 1)[0];
  if (!path.startsWith("/") || path.indexOf("/", 1) !== -1) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(1));
  } catch {
    return undefined;
  }
  return SERVABLE.has(name) ? name : undefined;
}

/** Returns the real path of `name` when it is a regular file inside `root`. */
async function insideRun(
  root: string,
  name: string,
): Promise<string | undefined> {
  const real = await realpath(join(root, name)).catch(() => undefined);
  if (!real || !real.startsWith(root + sep)) return undefined;
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? real : undefined;
}

/** Rewrites the config's relative paths to absolute URLs under `base`. */
export function absoluteConfig(bytes: Buffer, base: string): string {
  const config = JSON.parse(bytes.toString("utf8")) as {
    embeddings?: Array<Record<string, unknown>>;
  };
  for (const embedding of config.embeddings ?? []) {
    for (const key of ["tensorPath", "metadataPath", "bookmarksPath"]) {
      const value = embedding[key];
      if (typeof value === "string") embedding[key] = new URL(value, base).href;
    }
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}
