import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

import { Command } from "commander";

import { DEFAULT_UMAP_EPOCHS } from "../../layout/index.js";
import type { LayoutMetric } from "../../layout/index.js";
import { previewRun } from "../../preview/index.js";
import { RUN_FILES } from "../../projector/run-files.js";
import type { CliContext, CommonOptions } from "../context.js";
import { choiceOption, integerOption, numberOption } from "../options.js";

interface PreviewFlags extends CommonOptions {
  seed?: number;
  neighbors: number;
  minDist: number;
  epochs: number;
  metric: LayoutMetric;
  pca?: boolean;
}

/** Builds the `preview` command. */
export function previewCommand(context: CliContext): Command {
  return new Command("preview")
    .description(
      "Lay out a run's points in 2-D (seeded UMAP, or PCA) and write layout.json, bookmarks.json (linked from projector_config.json), preview.html (one self-contained page, no network) and objective/neighbors/layout figures as SVG and PNG.",
    )
    .argument("<run-dir>", "a run directory written by dream or export")
    .option(
      "--seed <n>",
      "seed of the UMAP layout (default: the seed in the run's manifest, else 1)",
      integerOption({ min: 0 }),
    )
    .option(
      "--neighbors <n>",
      "UMAP neighbourhood size counting the point itself (clamped to points - 1)",
      integerOption({ min: 2 }),
      15,
    )
    .option(
      "--min-dist <d>",
      "UMAP minimum distance between laid-out points, in layout units",
      numberOption({ min: 0 }),
      0.1,
    )
    .option(
      "--epochs <n>",
      "UMAP passes of gradient descent",
      integerOption({ min: 1 }),
      DEFAULT_UMAP_EPOCHS,
    )
    .option(
      "--metric <name>",
      "distance between the run's vectors: cosine or euclidean",
      choiceOption(["cosine", "euclidean"] as const),
      "cosine",
    )
    .option(
      "--pca",
      "lay out by the first two principal components instead of UMAP",
    )
    .option("--json", "print the written files and layout method as JSON")
    .option("--verbose", "print detail on stderr")
    .action(async (dir: string, flags: PreviewFlags) => {
      await runPreview(context, resolve(context.io.cwd, dir), flags);
    });
}

async function runPreview(
  context: CliContext,
  dir: string,
  flags: PreviewFlags,
): Promise<void> {
  const result = await previewRun(dir, {
    seed: flags.seed ?? (await manifestSeed(dir)) ?? 1,
    neighbors: flags.neighbors,
    minDist: flags.minDist,
    epochs: flags.epochs,
    metric: flags.metric,
    pca: flags.pca,
    logger: context.logger(flags),
    onProgress: context.progress(flags),
  });
  if (flags.json) {
    context.printJson({
      run: dir,
      method: result.method,
      points: result.layout.length / 2,
      files: result.files,
    });
    return;
  }
  context.print(
    `${result.method} layout of ${result.layout.length / 2} points`,
  );
  for (const file of result.files) context.print(`wrote ${file}`);
}

/**
 * Returns the seed recorded in the run's manifest, so that `preview` lays a
 * run out as `dream --preview` did, or undefined when the run has no
 * manifest or no seed. A manifest that is not JSON counts as none here;
 * `textdream verify` reports it.
 */
async function manifestSeed(dir: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILES.manifest), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let seed: unknown;
  try {
    seed = (JSON.parse(text) as { seed?: unknown }).seed;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  return Number.isSafeInteger(seed) && (seed as number) >= 0
    ? (seed as number)
    : undefined;
}
