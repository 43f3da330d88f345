import { escapeHtml } from "./html.js";

/** Formats a coordinate with 2 decimals, so figures are byte-stable. */
export function coord(value: number): string {
  return value.toFixed(2);
}

/** Returns an SVG `<text>` element; `text` is escaped. */
export function svgText(
  x: number,
  y: number,
  text: string,
  attrs = "",
): string {
  return `<text x="${coord(x)}" y="${coord(y)}"${attrs ? ` ${attrs}` : ""}>${escapeHtml(text)}</text>`;
}

/** Wraps `body` in an SVG document of `width` x `height` pixels. */
export function svgDocument(
  width: number,
  height: number,
  body: string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
