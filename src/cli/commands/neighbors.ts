import { Command } from "commander";

import {
  createNeighborIndex,
  GLOVE_VOCAB_SIZE,
  loadVocabulary,
} from "../../embeddings/index.js";
import type { Metric, Neighbor } from "../../embeddings/index.js";
import { embedSentence } from "../../text/index.js";
import type { CliContext, CommonOptions } from "../context.js";
import { choiceOption, integerOption } from "../options.js";

/** Words searched by default: the 50,000 most frequent GloVe words. */
export const DEFAULT_NEIGHBORS_VOCAB_SIZE = 50_000;

interface NeighborsOptions extends CommonOptions {
  k: number;
  metric: Metric;
  vocabSize: number;
}

/** Builds the `neighbors` command. */
export function neighborsCommand(context: CliContext): Command {
  return new Command("neighbors")
    .description(
      "Print the vocabulary words nearest to a word or to a sentence's mean GloVe vector, one word and score per line.",
    )
    .argument("<text...>", "a word or a sentence (quoted or as several words)")
    .option(
      "-k, --k <n>",
      "number of words to print",
      integerOption({ min: 1, max: GLOVE_VOCAB_SIZE }),
      10,
    )
    .option(
      "--metric <name>",
      "cosine (similarity, higher is nearer) or euclidean (distance, lower is nearer)",
      choiceOption(["cosine", "euclidean"] as const),
      "cosine",
    )
    .option(
      "--vocab-size <n>",
      `search the N most frequent words (1 to ${GLOVE_VOCAB_SIZE}); the sentence itself may use any of the ${GLOVE_VOCAB_SIZE} words`,
      integerOption({ min: 1, max: GLOVE_VOCAB_SIZE }),
      DEFAULT_NEIGHBORS_VOCAB_SIZE,
    )
    .option("--json", "print the result as JSON")
    .option("--verbose", "print the kernel, timings and ignored tokens")
    .action(async (words: string[], options: NeighborsOptions) => {
      await runNeighbors(context, words.join(" "), options);
    });
}

async function runNeighbors(
  context: CliContext,
  text: string,
  options: NeighborsOptions,
): Promise<void> {
  const logger = context.logger(options);
  const started = performance.now();
  const vectors = await loadVocabulary({
    logger,
    onProgress: context.progress(options),
  });
  logger.debug(`vocabulary loaded in ${seconds(started)} s`);
  const embedding = embedSentence(vectors, text, { logger });
  const index = createNeighborIndex(vectors, {
    metric: options.metric,
    limit: options.vocabSize,
    logger,
  });
  try {
    const searched = performance.now();
    const [neighbors] = await index.search(embedding.vector, options.k);
    logger.debug(
      `searched ${index.rows} words with the ${index.kernel} kernel in ${seconds(searched)} s`,
    );
    printNeighbors(context, options, embedding.tokens, neighbors!);
  } finally {
    await index.close();
  }
}

function printNeighbors(
  context: CliContext,
  options: NeighborsOptions,
  tokens: string[],
  neighbors: Neighbor[],
): void {
  if (options.json) {
    context.printJson({
      tokens,
      metric: options.metric,
      vocabSize: options.vocabSize,
      neighbors: neighbors.map(({ word, index, score }) => ({
        word,
        index,
        score,
      })),
    });
    return;
  }
  const width = Math.max(...neighbors.map((n) => n.word.length));
  for (const { word, score } of neighbors) {
    context.print(`${word.padEnd(width)}  ${score.toFixed(4)}`);
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(3);
}
