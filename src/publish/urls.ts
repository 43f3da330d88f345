import { InternalError } from "../errors.js";
import type { GistInfo } from "./client.js";

/** The hosted Embedding Projector. */
export const PROJECTOR_URL = "https://projector.tensorflow.org/";

/**
 * Returns the raw URL of `name` pinned to `revision`, built from the
 * `raw_url` the API returned (so GitHub Enterprise and other hosts keep
 * their own raw host): `<host>/<owner>/<id>/raw/<revision>/<name>`. When
 * GitHub sent no revision, the API's own `raw_url` (pinned to the file's
 * content) is returned as is.
 */
export function pinnedRawUrl(
  gist: GistInfo,
  name: string,
  revision: string | undefined,
): string {
  const rawUrl = gist.files[name]?.raw_url;
  if (!rawUrl) {
    throw new InternalError(
      `pinnedRawUrl found no raw_url for ${name} in the gist response; expected one per uploaded file.`,
    );
  }
  const marker = rawUrl.lastIndexOf("/raw/");
  if (revision === undefined || marker < 0) return rawUrl;
  return `${rawUrl.slice(0, marker)}/raw/${revision}/${encodeURIComponent(name)}`;
}

/** Returns the projector link that opens the config at `configUrl`. */
export function projectorLink(configUrl: string): string {
  return `${PROJECTOR_URL}?config=${encodeURIComponent(configUrl)}`;
}
