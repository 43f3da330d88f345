export type { PreviewOptions, PreviewResult } from "./preview-run.js";
export { FIGURE_NAMES, previewRun } from "./preview-run.js";
export type { RunContents } from "./run-reader.js";
export { parseVectorsTsv, readRun } from "./run-reader.js";
export type {
  PreviewView,
  ViewPath,
  ViewPoint,
  ViewStep,
} from "./view-model.js";
export { buildView } from "./view-model.js";
export { escapeHtml, jsonForScript, renderPreviewHtml } from "./html.js";
export { layoutSvg, neighborsSvg, objectiveSvg } from "./figures.js";
export { FIGURE_FONT_PATH, svgToPng } from "./png.js";
