import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import type {
  SentenceTrajectory,
  TrajectoryFile,
} from "../dream/trajectory.js";
import { InternalError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { RUN_FILES } from "../projector/run-files.js";
import type { PublishedRecord } from "./record.js";

/** Nearest words shown per sentence and moment, before and after. */
export const SNIPPET_NEIGHBORS = 5;

/** Figures `textdream preview` writes, with their alt text. */
const FIGURES: ReadonlyArray<[string, string]> = [
  ["objective", "Objective value at each dreaming step"],
  ["neighbors", "Nearest words along the dream"],
  ["layout", "Two-dimensional layout of the dream and its vocabulary"],
];

/** Values {@link renderBlogSnippet} fills the template with. */
export interface SnippetInput {
  trajectory: TrajectoryFile | undefined;
  projectorUrl: string;
  gistUrl: string;
  /** Figure file names present in the run, such as `objective.png`. */
  figures: string[];
  /** True when the config names a bookmarks file (the saved layout). */
  hasBookmarks: boolean;
}

const TEMPLATE_URL = new URL(
  "../../templates/blog-snippet.md",
  import.meta.url,
);

/**
 * Renders `blog-snippet.md` from `templates/blog-snippet.md`: a heading,
 * per sentence its nearest words before and after dreaming, the projector
 * link and a reference per preview figure.
 */
export async function renderBlogSnippet(input: SnippetInput): Promise<string> {
  const template = await readFile(TEMPLATE_URL, "utf8");
  const values: Record<string, string> = {
    title: snippetTitle(input.trajectory),
    sentences: (input.trajectory?.sentences ?? [])
      .map(sentenceBlock)
      .join("\n\n"),
    projectorUrl: input.projectorUrl,
    gistUrl: input.gistUrl,
    howTo: howTo(input),
    figures: input.figures.map(figureLine).join("\n\n"),
  };
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new InternalError(
        `renderBlogSnippet found the placeholder {{${key}}} in templates/blog-snippet.md; expected one of ${Object.keys(values).join(", ")}.`,
      );
    }
    return value;
  });
  return `${text.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/**
 * Writes `blog-snippet.md` into `dir` for a complete publish record,
 * referencing the preview figures that exist in the run.
 */
export async function writeBlogSnippet(
  dir: string,
  record: PublishedRecord,
  trajectory: TrajectoryFile | undefined,
  hasBookmarks: boolean,
): Promise<void> {
  if (!record.projectorUrl) return;
  const figures: string[] = [];
  for (const [base] of FIGURES) {
    for (const extension of ["png", "svg"]) {
      const name = `${base}.${extension}`;
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (info?.isFile()) {
        figures.push(name);
        break;
      }
    }
  }
  const text = await renderBlogSnippet({
    trajectory,
    projectorUrl: record.projectorUrl,
    gistUrl: record.htmlUrl,
    figures,
    hasBookmarks,
  });
  await writeFileAtomic(join(dir, RUN_FILES.blogSnippet), text);
}

function howTo(input: SnippetInput): string {
  const hints: string[] = [];
  if ((input.trajectory?.sentences.length ?? 0) > 0) {
    hints.push("Each sentence's dream is drawn as a path.");
  }
  if (input.hasBookmarks) {
    hints.push("Open the bookmarks tray to load the saved layout.");
  }
  return hints.join(" ");
}

function snippetTitle(trajectory: TrajectoryFile | undefined): string {
  if (!trajectory || trajectory.sentences.length === 0) {
    return "Word vectors in the Embedding Projector";
  }
  const direction = trajectory.minimize ? "minimizing" : "maximizing";
  return `Dreaming ${trajectory.sentences.length === 1 ? "a sentence" : "sentences"} by ${direction} ${escapeMarkdown(trajectory.objective)}`;
}

function sentenceBlock(sentence: SentenceTrajectory): string {
  const first = sentence.steps[0];
  const last = sentence.steps[sentence.steps.length - 1];
  const words = (step: typeof first | undefined) =>
    (step?.neighbors ?? [])
      .slice(0, SNIPPET_NEIGHBORS)
      .map((n) => escapeMarkdown(n.word))
      .join(", ") || "(none recorded)";
  const steps = last?.step ?? 0;
  return [
    `> ${escapeMarkdown(sentence.text)}`,
    "",
    "| | nearest words |",
    "| --- | --- |",
    `| before dreaming | ${words(first)} |`,
    `| after ${steps} step${steps === 1 ? "" : "s"} | ${words(last)} |`,
  ].join("\n");
}

function figureLine(name: string): string {
  const base = name.replace(/\.\w+$/, "");
  const alt = FIGURES.find(([figure]) => figure === base)?.[1] ?? base;
  return `![${alt}](${name})`;
}

/** Escapes characters Markdown would read as formatting or table cells. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`)
    .replace(/\s+/g, " ");
}
