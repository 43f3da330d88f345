import { existsSync } from "node:fs";

import { Resvg } from "@resvg/resvg-js";

/**
 * Font the figures are drawn with: DejaVu Sans from Debian's
 * fonts-dejavu-core, present on a bare Debian machine once installed.
 */
export const FIGURE_FONT_PATH =
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/**
 * Renders an SVG document to PNG bytes without a browser. Text uses
 * {@link FIGURE_FONT_PATH} when present, else the system fonts; `warn`
 * hears when the named font is missing, since labels may then be blank.
 */
export function svgToPng(
  svg: string,
  warn?: (message: string) => void,
): Uint8Array {
  const haveFont = existsSync(FIGURE_FONT_PATH);
  if (!haveFont) {
    warn?.(
      `figure font ${FIGURE_FONT_PATH} is missing, so PNG labels use system fonts; install it with apt-get install fonts-dejavu-core.`,
    );
  }
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: haveFont ? [FIGURE_FONT_PATH] : [],
      loadSystemFonts: !haveFont,
      defaultFontFamily: "DejaVu Sans",
    },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}
