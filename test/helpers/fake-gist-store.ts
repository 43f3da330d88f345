import { createHash } from "node:crypto";

/** GitHub truncates `content` in API responses above this many bytes. */
export const TRUNCATE_BYTES = 1024 * 1024;

/** One commit of a gist: the full file set after the change. */
export interface FakeRevision {
  version: string;
  committedAt: string;
  files: Map<string, string>;
  changes: { additions: number; deletions: number };
}

/** A stored gist, revisions newest first as GitHub lists them. */
export interface FakeGist {
  id: string;
  owner: FakeAccount;
  public: boolean;
  description: string | null;
  createdAt: string;
  revisions: FakeRevision[];
}

/** The account a token belongs to. */
export interface FakeAccount {
  login: string;
  id: number;
  /** OAuth scopes sent back in `x-oauth-scopes`. */
  scopes: string[];
}

/** Where the fake serves its API and its gist host (web and raw). */
export interface FakeOrigins {
  api: string;
  gist: string;
}

/** Returns the git blob sha1 of `content`, as git and GitHub compute it. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1")
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest("hex");
}

/** Returns a revision sha derived from the files and the parent. */
export function revisionSha(
  files: Map<string, string>,
  parent: string,
  serial: number,
): string {
  const hash = createHash("sha1").update(`${parent}\n${serial}\n`);
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`${name}\0${blobSha(content)}\n`);
  return hash.digest("hex");
}

/** Builds the `simple-user` object GitHub embeds as `owner`. */
export function simpleUser(account: FakeAccount, api: string) {
  const { login, id } = account;
  const url = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString("base64"),
    avatar_url: `${api}/avatars/${login}`,
    gravatar_id: "",
    url,
    html_url: `${api}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "User",
    site_admin: false,
  };
}

const TYPES: Record<string, [string, string]> = {
  tsv: ["text/tab-separated-values", "TSV"],
  json: ["application/json", "JSON"],
  md: ["text/markdown", "Markdown"],
};

function fileObject(
  gist: FakeGist,
  revision: FakeRevision,
  name: string,
  origins: FakeOrigins,
) {
  const content = revision.files.get(name) ?? "";
  const bytes = Buffer.from(content, "utf8");
  const truncated = bytes.length > TRUNCATE_BYTES;
  const extension = name.split(".").pop() ?? "";
  const [type, language] = TYPES[extension] ?? ["text/plain", "Text"];
  const path = `${gist.owner.login}/${gist.id}/raw/${blobSha(content)}`;
  return {
    filename: name,
    type,
    language,
    raw_url: `${origins.gist}/${path}/${encodeURIComponent(name)}`,
    size: bytes.length,
    truncated,
    content: truncated
      ? bytes.subarray(0, TRUNCATE_BYTES).toString("utf8")
      : content,
    encoding: "utf-8",
  };
}

/** Renders a gist at `revision` as the `gist-simple` body GitHub sends. */
export function gistBody(
  gist: FakeGist,
  origins: FakeOrigins,
  revision: FakeRevision = gist.revisions[0],
) {
  const url = `${origins.api}/gists/${gist.id}`;
  const files = Object.fromEntries(
    [...revision.files.keys()].map((name) => [
      name,
      fileObject(gist, revision, name, origins),
    ]),
  );
  return {
    url,
    forks_url: `${url}/forks`,
    commits_url: `${url}/commits`,
    id: gist.id,
    node_id: Buffer.from(`G_${gist.id}`).toString("base64"),
    git_pull_url: `${origins.gist}/${gist.id}.git`,
    git_push_url: `${origins.gist}/${gist.id}.git`,
    html_url: `${origins.gist}/${gist.owner.login}/${gist.id}`,
    files,
    public: gist.public,
    created_at: gist.createdAt,
    updated_at: gist.revisions[0].committedAt,
    description: gist.description,
    comments: 0,
    comments_enabled: true,
    user: null,
    comments_url: `${url}/comments`,
    owner: simpleUser(gist.owner, origins.api),
    forks: [],
    history: gist.revisions.map((item) => ({
      user: simpleUser(gist.owner, origins.api),
      version: item.version,
      committed_at: item.committedAt,
      change_status: {
        total: item.changes.additions + item.changes.deletions,
        ...item.changes,
      },
      url: `${url}/${item.version}`,
    })),
    truncated: false,
  };
}

/** Counts added and deleted lines between two file sets, roughly as git. */
export function countChanges(
  before: Map<string, string>,
  after: Map<string, string>,
): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  const lines = (text: string | undefined) =>
    text === undefined ? 0 : text.split("\n").filter(Boolean).length;
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(name) === after.get(name)) continue;
    additions += lines(after.get(name));
    deletions += lines(before.get(name));
  }
  return { additions, deletions };
}

/**
 * Finds the content of `name` in `gist` for a raw URL's sha segment, which
 * GitHub accepts as a revision sha or as the file's blob sha.
 */
export function rawContent(
  gist: FakeGist,
  sha: string | undefined,
  name: string,
): string | undefined {
  if (sha === undefined) return gist.revisions[0].files.get(name);
  for (const revision of gist.revisions) {
    const content = revision.files.get(name);
    if (content === undefined) continue;
    if (revision.version === sha || blobSha(content) === sha) return content;
  }
  return undefined;
}
