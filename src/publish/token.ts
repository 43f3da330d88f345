import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { UsageError } from "../errors.js";

/** Sources {@link resolveToken} reads a GitHub token from. */
export interface TokenSources {
  /** Environment with `GITHUB_TOKEN` or `GH_TOKEN`. */
  env: NodeJS.ProcessEnv;
  /** File holding the token (`--token-file`); it wins over the environment. */
  tokenFile?: string;
  /** Directory a relative `tokenFile` resolves against; default cwd. */
  cwd?: string;
}

/** Page that creates a classic token with the `gist` scope preselected. */
export const NEW_TOKEN_URL =
  "https://github.com/settings/tokens/new?scopes=gist&description=textdream";

/**
 * Returns the GitHub token from `--token-file`, else `GITHUB_TOKEN`, else
 * `GH_TOKEN`, or undefined when none is set. A token file that is missing
 * or empty is a UsageError naming the path, never the content.
 */
export async function resolveToken(
  sources: TokenSources,
): Promise<string | undefined> {
  if (sources.tokenFile !== undefined) {
    const path = resolve(sources.cwd ?? process.cwd(), sources.tokenFile);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new UsageError(
        `publish could not read the token file ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"}); expected a file holding a GitHub token with the gist scope: check the --token-file path.`,
        "NOT_FOUND",
      );
    }
    const token = text.trim();
    if (token === "" || /\s/.test(token)) {
      throw new UsageError(
        `publish read the token file ${path} but it contains ${token === "" ? "nothing" : "more than one word"}; expected one GitHub token on one line: write only the token into the file.`,
      );
    }
    return token;
  }
  const fromEnv =
    sources.env.GITHUB_TOKEN?.trim() || sources.env.GH_TOKEN?.trim();
  return fromEnv || undefined;
}

/** Returns the error for a publish that found no token anywhere. */
export function missingTokenError(): UsageError {
  return new UsageError(
    `publish needs a GitHub token with the gist scope and found none (GITHUB_TOKEN, GH_TOKEN and --token-file are all unset); create a classic token with the gist scope at ${NEW_TOKEN_URL} (or a fine-grained token with the Gists account permission set to read and write), then set GITHUB_TOKEN=<token> or pass --token-file <path>.`,
  );
}

/** Returns `text` with every occurrence of `token` replaced by a marker. */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  return text.split(token).join("[REDACTED]");
}
