import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Returns the directory for textdream's caches: `TEXTDREAM_CACHE_DIR` when
 * set, else `$XDG_CACHE_HOME/textdream`, else `~/.cache/textdream` (on
 * macOS `~/Library/Caches/textdream`, on Windows `%LOCALAPPDATA%`).
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEXTDREAM_CACHE_DIR) return env.TEXTDREAM_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "textdream");
  if (process.platform === "darwin") {
    return join(homedir(), "Library", "Caches", "textdream");
  }
  if (process.platform === "win32" && env.LOCALAPPDATA) {
    return join(env.LOCALAPPDATA, "textdream", "cache");
  }
  return join(homedir(), ".cache", "textdream");
}
