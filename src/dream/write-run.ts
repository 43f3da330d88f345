import { join } from "node:path";

import type { WordVectors } from "../embeddings/index.js";
import { createNeighborIndex } from "../embeddings/index.js";
import type { SentimentModel } from "../model/index.js";
import type { FileSummary } from "../projector/index.js";
import {
  formatFloat,
  sanitizeLabel,
  writeManifest,
  writeMetadataTsv,
  writeProjectorConfig,
  writeTensorboardConfig,
  writeVectorsBytes,
  writeVectorsTsv,
} from "../projector/index.js";
import { RUN_FILES } from "../projector/run-files.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { VERSION } from "../version.js";
import { afinnValence, afinnWords } from "./afinn.js";
import { evaluateForward } from "./engine.js";
import type { ActivationFunction } from "./engine.js";
import type { Objective } from "./objectives.js";
import type { PointRow } from "./points.js";
import {
  DREAM_METADATA_COLUMNS,
  LABEL_TEXT_MAX_LENGTH,
  collectWordRows,
  stepKind,
} from "./points.js";
import type { RecordedDream } from "./recorded.js";
import type { DreamRunOptions, DreamSettings } from "./run.js";
import { recordedSettings } from "./run.js";
import { renderSummaryMarkdown } from "./summary.js";
import type { SentenceTrajectory, TrajectoryFile } from "./trajectory.js";

/** Everything {@link writeRunFiles} needs. */
export interface RunContent {
  dreams: RecordedDream[];
  vectors: WordVectors;
  model: SentimentModel;
  /** The model's activations, built once per run. */
  activations: ActivationFunction;
  objective: Objective;
  settings: DreamSettings;
  options: DreamRunOptions;
}

/** Rounds to 6 significant digits for JSON files people read. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * Writes every file of a dream run into `dir`: vectors, metadata, projector
 * config (and TensorBoard config), trajectory.json, summary.md and the
 * manifest. Step rows come first, in sentence order, then word rows in
 * vocabulary order.
 */
export async function writeRunFiles(
  dir: string,
  content: RunContent,
): Promise<{
  trajectory: TrajectoryFile;
  points: number;
  files: FileSummary[];
}> {
  const { dreams, vectors, settings } = content;
  const labels = content.model.metadata.labels;
  const trajectory = await buildTrajectory(content);
  const wordRows = collectWordRows(
    trajectory.sentences,
    (word) => vectors.indexOf(word),
    {
      context: settings.context,
      vocabSize: settings.vocabSize,
      extra: afinnWords(),
    },
  );
  const dim = vectors.dim;
  const stepCount = dreams.reduce((sum, d) => sum + d.points.length, 0);
  const total = stepCount + wordRows.length;
  const matrix = new Float32Array(total * dim);
  let row = 0;
  for (const dream of dreams) {
    for (const point of dream.points) matrix.set(point.vector, dim * row++);
  }
  for (const index of wordRows) {
    matrix.set(
      vectors.matrix.subarray(index * dim, (index + 1) * dim),
      dim * row++,
    );
  }
  const wordStart = stepCount * dim;
  const forward = evaluateForward(
    content.activations,
    content.objective,
    matrix.subarray(wordStart),
    wordRows.length,
    dim,
  );
  const positive = positiveIndex(labels);
  const rows: PointRow[] = stepRows(trajectory, labels, positive);
  wordRows.forEach((index, i) => {
    const probabilities = forward.probabilities.subarray(
      i * labels.length,
      (i + 1) * labels.length,
    );
    const word = vectors.words[index]!;
    rows.push({
      label: word,
      kind: "word",
      mode: "",
      predicted: labels[argmax(probabilities)]!,
      pPositive: probabilities[positive]!,
      objective: forward.objectives[i]!,
      valence: afinnValence(word),
    });
  });
  const files = await writeFiles(dir, content, trajectory, matrix, rows);
  return { trajectory, points: total, files };
}

async function buildTrajectory(content: RunContent): Promise<TrajectoryFile> {
  const { dreams, vectors, settings } = content;
  const labels = content.model.metadata.labels;
  const dim = vectors.dim;
  const queries = new Float32Array(
    dreams.reduce((sum, d) => sum + d.points.length, 0) * dim,
  );
  let offset = 0;
  for (const dream of dreams) {
    for (const point of dream.points) {
      queries.set(point.vector, offset);
      offset += dim;
    }
  }
  // --jobs bounds the threads of the whole run, the search included; the
  // search returns the same lists on any number of threads.
  const index = createNeighborIndex(vectors, {
    metric: "cosine",
    limit: settings.vocabSize,
    threads: Math.min(2, settings.jobs),
  });
  let neighbors;
  try {
    neighbors = await index.search(queries, settings.topK);
  } finally {
    await index.close();
  }
  let row = 0;
  const sentences: SentenceTrajectory[] = dreams.map((dream) => ({
    index: dream.index,
    text: dream.text,
    tokens: dream.tokens,
    mode: dream.mode,
    stopReason: dream.stopReason,
    steps: dream.points.map((point) => {
      const found = neighbors[row]!;
      const record = {
        step: point.step,
        row,
        objective: round(point.objective),
        probabilities: point.probabilities.map(round),
        predicted: labels[argmax(point.probabilities)]!,
        neighbors: found.map((n) => ({
          word: n.word,
          similarity: round(n.score),
        })),
        ...(point.text === undefined ? {} : { text: point.text }),
        ...(point.swap === undefined ? {} : { swap: point.swap }),
      };
      row += 1;
      return record;
    }),
  }));
  return {
    format: "textdream-trajectory",
    version: 1,
    labels: [...labels],
    objective: content.objective.name,
    minimize: settings.minimize,
    sentences,
  };
}

function stepRows(
  trajectory: TrajectoryFile,
  labels: readonly string[],
  positive: number,
): PointRow[] {
  const rows: PointRow[] = [];
  for (const sentence of trajectory.sentences) {
    sentence.steps.forEach((step, position) => {
      const text = sanitizeLabel(
        step.text ?? sentence.text,
        LABEL_TEXT_MAX_LENGTH,
      );
      const last = position === sentence.steps.length - 1;
      rows.push({
        label: `${text} [step ${step.step}]`,
        kind: stepKind(position, sentence.steps.length),
        mode: sentence.mode,
        sentence: sentence.index,
        step: step.step,
        predicted: labels[argmax(step.probabilities)]!,
        pPositive: step.probabilities[positive]!,
        objective: step.objective,
        next: last ? undefined : sentence.steps[position + 1]!.row,
      });
    });
  }
  return rows;
}

function metadataCells(row: PointRow): string[] {
  const optional = (value: number | undefined) =>
    value === undefined ? "" : String(value);
  return [
    row.label,
    row.kind,
    row.mode,
    optional(row.sentence),
    optional(row.step),
    row.predicted,
    formatFloat(row.pPositive, 4),
    formatFloat(row.objective, 6),
    optional(row.valence),
    optional(row.next),
  ];
}

async function writeFiles(
  dir: string,
  content: RunContent,
  trajectory: TrajectoryFile,
  matrix: Float32Array,
  rows: PointRow[],
): Promise<FileSummary[]> {
  const { settings, vectors } = content;
  const dim = vectors.dim;
  const vectorsName =
    settings.format === "bytes" ? RUN_FILES.vectorsBytes : RUN_FILES.vectorsTsv;
  const files: FileSummary[] = [];
  files.push(
    settings.format === "bytes"
      ? await writeVectorsBytes(join(dir, vectorsName), dim, [matrix])
      : await writeVectorsTsv(join(dir, vectorsName), dim, [matrix], {
          digits: settings.digits,
        }),
  );
  files.push(
    await writeMetadataTsv(
      join(dir, RUN_FILES.metadata),
      [...DREAM_METADATA_COLUMNS],
      rows.map(metadataCells),
    ),
  );
  const entry = {
    tensorName: "textdream",
    tensorShape: [rows.length, dim] as [number, number],
    tensorPath: vectorsName,
    metadataPath: RUN_FILES.metadata,
  };
  files.push(await writeProjectorConfig(dir, [entry]));
  if (settings.tensorboard) {
    files.push(await writeTensorboardConfig(dir, [entry]));
  }
  await writeJsonAtomic(join(dir, RUN_FILES.trajectory), trajectory);
  await writeFileAtomic(
    join(dir, RUN_FILES.summary),
    renderSummaryMarkdown(trajectory),
  );
  const names = [
    ...files.map((f) => f.file),
    RUN_FILES.trajectory,
    RUN_FILES.summary,
  ];
  files.push(
    await writeManifest(
      dir,
      {
        tool: { name: "textdream", version: VERSION },
        backend: content.options.backend,
        command: "dream",
        options: {
          ...recordedSettings(settings),
          sentences: trajectory.sentences.length,
        },
        seed: settings.seed,
        model: content.model.metadata,
      },
      names,
    ),
  );
  return files;
}

function positiveIndex(labels: readonly string[]): number {
  const index = labels.indexOf("positive");
  return index >= 0 ? index : labels.length - 1;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! > values[best]!) best = i;
  }
  return best;
}
