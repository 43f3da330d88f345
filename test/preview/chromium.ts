/** Debian's Chromium, which the browser tests drive through playwright-core. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags for headless Chromium as root on a machine without network: the
 * background-networking flags stop its own connections to Google's hosts.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];
