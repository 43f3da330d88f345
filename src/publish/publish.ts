import { UsageError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import { RUN_FILES } from "../projector/run-files.js";
import {
  createGistClient,
  DEFAULT_API_URL,
  type GistClient,
  type GistInfo,
} from "./client.js";
import {
  readPublished,
  writePublished,
  type PublishedRecord,
} from "./record.js";
import {
  checkSize,
  PATH_KEYS,
  readPublishInputs,
  sha256Text,
  type PublishInputs,
  type UploadFile,
} from "./run-files.js";
import { writeBlogSnippet } from "./snippet.js";
import { missingTokenError } from "./token.js";
import { defaultDescription, readTrajectoryIfAny } from "./trajectory-text.js";
import { pinnedRawUrl, projectorLink } from "./urls.js";

/** Settings of {@link publishRun}. */
export interface PublishOptions {
  /** GitHub token with the gist scope; required (no anonymous attempt). */
  token?: string;
  /** REST API base URL; default https://api.github.com. */
  apiUrl?: string;
  /** List the gist publicly; default false (secret gist). */
  public?: boolean;
  /** Gist description; default from the run's sentences. */
  description?: string;
  /** Gist to update; default the one in `published.json`, else a new one. */
  gistId?: string;
  /** Maximum total wait for rate limits, in seconds; default 60. */
  maxWaitSeconds?: number;
  /** Retries after a 5xx or a dropped connection; default 3. */
  retries?: number;
  logger?: Logger;
  /** Clock for `publishedAt`; default the system clock. */
  now?: () => Date;
}

/** Outcome of {@link publishRun}. */
export interface PublishResult {
  record: PublishedRecord;
  /** Files sent, in request order. */
  uploaded: string[];
  /** Data files skipped because the gist already contains the same bytes. */
  unchanged: string[];
}

interface Session {
  dir: string;
  inputs: PublishInputs;
  client: GistClient;
  prior: PublishedRecord | undefined;
  options: PublishOptions & { apiUrl: string; logger: Logger };
  description: string;
  uploaded: string[];
}

/**
 * Publishes a run directory to a gist in two writes: the data files the
 * projector config names (only those whose sha256 differs from the record
 * in `published.json`), then `projector_config.json` with raw URLs pinned
 * to the data revision. Writes `published.json` after each write, so a
 * publish stopped between them resumes, and `blog-snippet.md` at the end.
 */
export async function publishRun(
  dir: string,
  options: PublishOptions,
): Promise<PublishResult> {
  const inputs = await readPublishInputs(dir);
  const logger = options.logger ?? silentLogger;
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const prior = selectPrior(await readPublished(dir), apiUrl, options, logger);
  if (!options.token) throw missingTokenError();

  const client = createGistClient({
    ...options,
    token: options.token,
    apiUrl,
    logger,
  });
  const trajectory = await readTrajectoryIfAny(dir);
  const session: Session = {
    dir,
    inputs,
    client,
    prior,
    options: { ...options, apiUrl, logger },
    description:
      options.description ??
      prior?.description ??
      defaultDescription(trajectory, inputs.config),
    uploaded: [],
  };

  const data = await writeData(session);
  const record = await writeConfig(session, data.gist, data.revision);
  const hasBookmarks = inputs.config.embeddings.some((e) => e.bookmarksPath);
  await writeBlogSnippet(dir, record, trajectory, hasBookmarks);

  const unchanged = inputs.data
    .map((file) => file.name)
    .filter((name) => !session.uploaded.includes(name));
  return { record, uploaded: session.uploaded, unchanged };
}

/** Returns the API base URL from the option, or the default, validated. */
export function normalizeApiUrl(value: string | undefined): string {
  const url = (value ?? DEFAULT_API_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new UsageError(
      `publish got the API URL "${url}"; expected an http(s) URL such as ${DEFAULT_API_URL}: fix --api-url or GITHUB_API_URL.`,
    );
  }
  return url;
}

/**
 * Returns the record that applies to this publish: none when `--gist-id`
 * names another gist or the record is for another API host.
 */
function selectPrior(
  record: PublishedRecord | undefined,
  apiUrl: string,
  options: PublishOptions,
  logger: Logger,
): PublishedRecord | undefined {
  if (!record) return undefined;
  if (options.gistId !== undefined) {
    return record.gistId === options.gistId ? record : undefined;
  }
  if (record.apiUrl !== apiUrl) {
    logger.warn(
      `published.json names gist ${record.gistId} on ${record.apiUrl}, not ${apiUrl}; publishing to a new gist (pass --gist-id to update one).`,
    );
    return undefined;
  }
  return record;
}

/** Sends the data files that changed; returns the gist and data revision. */
async function writeData(
  session: Session,
): Promise<{ gist: GistInfo; revision: string }> {
  const { client, prior, inputs, options } = session;
  const target = options.gistId ?? prior?.gistId;
  if (target === undefined) {
    const gist = await client.create({
      description: session.description,
      public: options.public ?? false,
      files: filesBody(inputs.data),
    });
    session.uploaded.push(...inputs.data.map((file) => file.name));
    return recordData(session, gist, gist.revision ?? "");
  }

  const existing = await client.get(target);
  if (options.public === true && !existing.public) {
    options.logger.warn(
      `gist ${target} is secret and GitHub cannot make a secret gist public; it stays secret (delete published.json to publish a new public gist).`,
    );
  }

  const changed = inputs.data.filter(
    (file) => !isUnchanged(file, prior, existing),
  );
  const newDescription =
    options.description !== undefined &&
    options.description !== prior?.description;
  if (changed.length === 0 && !newDescription && prior) {
    return { gist: existing, revision: prior.dataRevision };
  }

  const gist = await client.update(target, {
    ...(newDescription ? { description: session.description } : {}),
    ...(changed.length > 0 ? { files: filesBody(changed) } : {}),
  });
  session.uploaded.push(...changed.map((file) => file.name));
  if (changed.length === 0 && prior) {
    return recordData(session, gist, prior.dataRevision, false);
  }
  return recordData(session, gist, gist.revision ?? "");
}

function isUnchanged(
  file: UploadFile,
  prior: PublishedRecord | undefined,
  gist: GistInfo,
): boolean {
  return (
    prior?.files[file.name]?.sha256 === file.sha256 &&
    gist.files[file.name]?.size === file.size
  );
}

function filesBody(files: UploadFile[]): Record<string, { content: string }> {
  return Object.fromEntries(files.map((f) => [f.name, { content: f.content }]));
}

/**
 * Records the data write in `published.json` before the config write.
 * When data files were sent, the recorded config no longer applies.
 */
async function recordData(
  session: Session,
  gist: GistInfo,
  revision: string,
  dataSent = true,
): Promise<{ gist: GistInfo; revision: string }> {
  const record = buildRecord(session, gist, revision);
  if (dataSent) {
    record.complete = false;
    delete record.configUrl;
    delete record.projectorUrl;
    delete record.files[RUN_FILES.config];
  }
  await writePublished(session.dir, record);
  session.prior = record;
  return { gist, revision };
}

function buildRecord(
  session: Session,
  gist: GistInfo,
  dataRevision: string,
): PublishedRecord {
  const files: PublishedRecord["files"] = { ...session.prior?.files };
  for (const file of session.inputs.data) {
    files[file.name] = {
      sha256: file.sha256,
      size: file.size,
      rawUrl: pinnedRawUrl(gist, file.name, dataRevision || undefined),
    };
  }
  return {
    format: "textdream-published",
    version: 1,
    apiUrl: session.options.apiUrl,
    gistId: gist.id,
    owner: gist.owner,
    htmlUrl: gist.htmlUrl,
    public: gist.public,
    description: session.description,
    revision: gist.revision ?? dataRevision,
    dataRevision,
    complete: session.prior?.complete ?? false,
    ...(session.prior?.configUrl ? { configUrl: session.prior.configUrl } : {}),
    ...(session.prior?.projectorUrl
      ? { projectorUrl: session.prior.projectorUrl }
      : {}),
    files,
    publishedAt: (session.options.now ?? (() => new Date()))().toISOString(),
  };
}

/** Returns the config with each path replaced by its pinned raw URL. */
export function publishedConfigText(
  inputs: PublishInputs,
  urlOf: (name: string) => string,
): string {
  const embeddings = inputs.config.embeddings.map((embedding) => {
    const copy = { ...embedding };
    for (const key of PATH_KEYS) {
      const value = embedding[key];
      if (value !== undefined) copy[key] = urlOf(value);
    }
    return copy;
  });
  return `${JSON.stringify({ ...inputs.config, embeddings }, null, 2)}\n`;
}

/** Sends the config unless the gist already contains the same one. */
async function writeConfig(
  session: Session,
  gist: GistInfo,
  dataRevision: string,
): Promise<PublishedRecord> {
  const name = RUN_FILES.config;
  const record = buildRecord(session, gist, dataRevision);
  const content = publishedConfigText(
    session.inputs,
    (file) => record.files[file].rawUrl,
  );
  const size = Buffer.byteLength(content);
  checkSize(name, size);

  const sha256 = sha256Text(content);
  const prior = session.prior;
  const same =
    prior?.complete === true &&
    prior.files[name]?.sha256 === sha256 &&
    gist.files[name]?.size === size;
  if (same && prior.configUrl) return prior;

  const written = await session.client.update(gist.id, {
    files: { [name]: { content } },
  });
  session.uploaded.push(name);

  const configUrl = pinnedRawUrl(written, name, written.revision);
  const final: PublishedRecord = {
    ...record,
    revision: written.revision ?? record.revision,
    complete: true,
    configUrl,
    projectorUrl: projectorLink(configUrl),
    files: { ...record.files, [name]: { sha256, size, rawUrl: configUrl } },
  };
  await writePublished(session.dir, final);
  return final;
}
