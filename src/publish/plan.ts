import { RUN_FILES } from "../projector/run-files.js";
import { readPublished } from "./record.js";
import { readPublishInputs } from "./run-files.js";

/** One request a publish would send. */
export interface PlannedRequest {
  method: "GET" | "POST" | "PATCH";
  /** API path, such as `/gists` or `/gists/<id>`. */
  path: string;
  /** Files in the request body with their sizes in bytes, when known. */
  files: Array<{ name: string; size: number | undefined }>;
}

/** Settings of {@link planPublish}. */
export interface PlanOptions {
  /** Gist to update; default the one in `published.json`. */
  gistId?: string;
}

/**
 * Returns the requests a publish of `dir` would send, without sending any:
 * limits are checked as for a real publish, and unchanged files (same
 * sha256 as recorded in `published.json`) are left out.
 */
export async function planPublish(
  dir: string,
  options: PlanOptions = {},
): Promise<PlannedRequest[]> {
  const inputs = await readPublishInputs(dir);
  const record = await readPublished(dir);
  const prior =
    options.gistId === undefined || record?.gistId === options.gistId
      ? record
      : undefined;
  const target = options.gistId ?? prior?.gistId;
  const sized = (files: typeof inputs.data) =>
    files.map((file) => ({ name: file.name, size: file.size }));
  const config = { name: RUN_FILES.config, size: undefined };

  if (target === undefined) {
    return [
      { method: "POST", path: "/gists", files: sized(inputs.data) },
      {
        method: "PATCH",
        path: "/gists/<id from the first response>",
        files: [config],
      },
    ];
  }

  const changed = inputs.data.filter(
    (file) => prior?.files[file.name]?.sha256 !== file.sha256,
  );
  const plan: PlannedRequest[] = [
    { method: "GET", path: `/gists/${target}`, files: [] },
  ];
  if (changed.length > 0) {
    plan.push({
      method: "PATCH",
      path: `/gists/${target}`,
      files: sized(changed),
    });
  }
  if (changed.length > 0 || prior?.complete !== true) {
    plan.push({ method: "PATCH", path: `/gists/${target}`, files: [config] });
  }
  return plan;
}

/** Formats a planned request as one line: method, path, files and sizes. */
export function formatPlannedRequest(request: PlannedRequest): string {
  const files = request.files
    .map(({ name, size }) =>
      size === undefined
        ? `${name} (size known after the data write)`
        : `${name} (${size} bytes)`,
    )
    .join(", ");
  return `${request.method} ${request.path}${files ? ` ${files}` : ""}`;
}
