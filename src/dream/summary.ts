import type { SentenceTrajectory, TrajectoryFile } from "./trajectory.js";

/** The before/after view of one sentence's dream. */
export interface SentenceSummary {
  index: number;
  text: string;
  mode: SentenceTrajectory["mode"];
  /** Sentence text at the last step; differs from `text` for token dreams. */
  finalText: string;
  predictedBefore: string;
  predictedAfter: string;
  /** Probability of the predicted class, before and after. */
  confidenceBefore: number;
  confidenceAfter: number;
  objectiveBefore: number;
  objectiveAfter: number;
  neighborsBefore: string[];
  neighborsAfter: string[];
  steps: number;
  stopReason: SentenceTrajectory["stopReason"];
}

/** Builds the before/after view of every sentence in `trajectory`. */
export function summarizeTrajectory(
  trajectory: TrajectoryFile,
): SentenceSummary[] {
  return trajectory.sentences.map((sentence) => {
    const first = sentence.steps[0]!;
    const last = sentence.steps.at(-1)!;
    const confidence = (probabilities: number[], label: string) =>
      probabilities[trajectory.labels.indexOf(label)] ?? NaN;
    return {
      index: sentence.index,
      text: sentence.text,
      mode: sentence.mode,
      finalText: last.text ?? sentence.text,
      predictedBefore: first.predicted,
      predictedAfter: last.predicted,
      confidenceBefore: confidence(first.probabilities, first.predicted),
      confidenceAfter: confidence(last.probabilities, last.predicted),
      objectiveBefore: first.objective,
      objectiveAfter: last.objective,
      neighborsBefore: first.neighbors.map((n) => n.word),
      neighborsAfter: last.neighbors.map((n) => n.word),
      steps: last.step,
      stopReason: sentence.stopReason,
    };
  });
}

/** Escapes text for a Markdown table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/**
 * Renders `summary.md`: per sentence, the prediction and objective before
 * and after, and the nearest words side by side.
 */
export function renderSummaryMarkdown(trajectory: TrajectoryFile): string {
  const lines = [
    "# textdream run",
    "",
    `Objective: \`${trajectory.objective}\`${trajectory.minimize ? " (minimised)" : ""}.`,
    "",
  ];
  for (const s of summarizeTrajectory(trajectory)) {
    lines.push(`## ${s.index + 1}. ${markdownCell(s.text)}`, "");
    if (s.mode === "tokens") {
      lines.push(`Dreamed sentence: ${markdownCell(s.finalText)}`, "");
    }
    lines.push(
      `- Mode: ${s.mode}, ${s.steps} steps (stopped: ${s.stopReason})`,
      `- Prediction: ${s.predictedBefore} (${s.confidenceBefore.toFixed(3)}) -> ${s.predictedAfter} (${s.confidenceAfter.toFixed(3)})`,
      `- Objective: ${s.objectiveBefore.toFixed(4)} -> ${s.objectiveAfter.toFixed(4)} (gain ${(s.objectiveAfter - s.objectiveBefore).toFixed(4)})`,
      "",
      "| rank | before | after |",
      "| ---: | --- | --- |",
    );
    const rows = Math.max(s.neighborsBefore.length, s.neighborsAfter.length);
    for (let i = 0; i < rows; i++) {
      const before = markdownCell(s.neighborsBefore[i] ?? "");
      const after = markdownCell(s.neighborsAfter[i] ?? "");
      lines.push(`| ${i + 1} | ${before} | ${after} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
