import type { WordVectors } from "../embeddings/index.js";
import { TextdreamError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import { embedSentence } from "../text/index.js";
import type { LabelledText } from "./csv.js";
import type { LabelledVector } from "./evaluate.js";

/** Labelled texts turned into sentence vectors. */
export interface EmbeddedTexts {
  /** One entry per text that had a known word, in input order. */
  examples: (LabelledVector & { line: number })[];
  /** Lines of the texts skipped because no word was in the vocabulary. */
  skippedLines: number[];
  /** Texts with at least one token the vocabulary lacks. */
  textsWithUnknown: number;
}

/**
 * Embeds every text as the mean of its known words. A text with no known
 * word is skipped and its line listed. Unknown tokens are summarised in one
 * warning, and each text's detail goes to the debug log.
 */
export function embedTexts(
  vectors: WordVectors,
  texts: readonly LabelledText[],
  logger: Logger = silentLogger,
): EmbeddedTexts {
  const quiet: Logger = { ...logger, warn: logger.debug, info: logger.debug };
  const result: EmbeddedTexts = {
    examples: [],
    skippedLines: [],
    textsWithUnknown: 0,
  };
  const unknownCounts = new Map<string, number>();
  for (const item of texts) {
    try {
      const embedded = embedSentence(vectors, item.text, {
        logger: quiet,
        position: item.line,
      });
      for (const token of embedded.unknown) {
        unknownCounts.set(token, (unknownCounts.get(token) ?? 0) + 1);
      }
      if (embedded.unknown.length > 0) result.textsWithUnknown += 1;
      const { label, line } = item;
      result.examples.push({ vector: embedded.vector, label, line });
    } catch (error) {
      if (!(error instanceof TextdreamError) || error.exitCode !== 1) {
        throw error;
      }
      logger.debug(error.message);
      result.skippedLines.push(item.line);
    }
  }
  reportUnknown(result, unknownCounts, logger);
  return result;
}

function reportUnknown(
  result: EmbeddedTexts,
  counts: Map<string, number>,
  logger: Logger,
): void {
  if (result.skippedLines.length > 0) {
    const lines = result.skippedLines.slice(0, 10).join(", ");
    const more = result.skippedLines.length > 10 ? ", ..." : "";
    logger.warn(
      `skipped ${result.skippedLines.length} text(s) with no word in the vocabulary (lines ${lines}${more}); run with --verbose for their tokens`,
    );
  }
  if (counts.size === 0) return;
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([token, count]) => `${token} (${count})`)
    .join(", ");
  logger.warn(
    `${result.textsWithUnknown} text(s) contain words missing from the vocabulary, averaged without them; most frequent: ${top}`,
  );
}
