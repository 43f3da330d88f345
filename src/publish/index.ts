export { publishRun, normalizeApiUrl, publishedConfigText } from "./publish.js";
export type { PublishOptions, PublishResult } from "./publish.js";
export { planPublish, formatPlannedRequest } from "./plan.js";
export type { PlannedRequest, PlanOptions } from "./plan.js";
export { readPublished, writePublished } from "./record.js";
export type { PublishedRecord, PublishedFile } from "./record.js";
export {
  resolveToken,
  missingTokenError,
  redactToken,
  NEW_TOKEN_URL,
} from "./token.js";
export type { TokenSources } from "./token.js";
export { readPublishInputs, GIST_FILE_LIMIT_BYTES } from "./run-files.js";
export type {
  UploadFile,
  PublishInputs,
  ProjectorConfigFile,
  ProjectorEmbedding,
} from "./run-files.js";
export { renderBlogSnippet, writeBlogSnippet } from "./snippet.js";
export type { SnippetInput } from "./snippet.js";
export { pinnedRawUrl, projectorLink, PROJECTOR_URL } from "./urls.js";
export { createGistClient, DEFAULT_API_URL } from "./client.js";
export type {
  GistClient,
  GistClientOptions,
  GistInfo,
  GistWrite,
  GistFileInfo,
} from "./client.js";
