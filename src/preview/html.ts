import { readFile } from "node:fs/promises";

import { InternalError } from "../errors.js";
import type { PreviewView } from "./view-model.js";

const TEMPLATE_URL = new URL("../../templates/preview.html", import.meta.url);

/**
 * Returns `value` as JSON safe inside an HTML `<script>` element: `<`, `>`
 * and `&` (and the JavaScript line separators) are written as `\u` escapes,
 * so no label can close the element or start markup.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Escapes `text` for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        char
      ]!,
  );
}

/**
 * Renders `preview.html` from the template in `templates/`: the view is
 * embedded as JSON and drawn by the page's inline script with text nodes
 * only, so every label shows as text. The page needs no network.
 */
export async function renderPreviewHtml(view: PreviewView): Promise<string> {
  let template: string;
  try {
    template = await readFile(TEMPLATE_URL, "utf8");
  } catch (error) {
    throw new InternalError(
      `preview: cannot read the page template ${TEMPLATE_URL.pathname} (${(error as Error).message}); reinstall textdream.`,
      { cause: error },
    );
  }
  return template
    .split("__TEXTDREAM_TITLE__")
    .join(escapeHtml(view.title))
    .split("__TEXTDREAM_DATA__")
    .join(jsonForScript(view));
}
