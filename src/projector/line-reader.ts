import { createReadStream } from "node:fs";

/** One line of a text file, without its LF, and its 1-based number. */
export interface NumberedLine {
  text: string;
  number: number;
}

/**
 * Yields the lines of the UTF-8 file at `path`, split on LF the way the
 * projector splits them: a CR before the LF stays in the line, and an
 * empty piece after the final LF is not a line.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  let rest = "";
  let number = 0;
  const stream = createReadStream(path, {
    encoding: "utf8",
    highWaterMark: 1 << 20,
  });
  for await (const chunk of stream) {
    const text = rest + (chunk as string);
    let start = 0;
    for (
      let end = text.indexOf("\n");
      end >= 0;
      end = text.indexOf("\n", start)
    ) {
      yield { text: text.slice(start, end), number: ++number };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== "") yield { text: rest, number: ++number };
}
