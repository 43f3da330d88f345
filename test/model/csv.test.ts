import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { FileFormatError, UsageError } from "../../src/errors.js";
import { malformedQuoteLine, readLabelledCsv } from "../../src/model/index.js";
import { makeTempDir } from "../helpers/temp.js";

async function csvFile(content: string | Uint8Array): Promise<string> {
  const path = join(await makeTempDir(), "data.csv");
  await writeFile(path, content);
  return path;
}

async function failure(path: string, options = {}): Promise<Error> {
  try {
    await readLabelledCsv(path, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected readLabelledCsv to fail");
}

describe("readLabelledCsv", () => {
  it("strips a BOM with CRLF ends", async () => {
    const path = await csvFile(
      "\uFEFFtext,label\r\nfine day,1\r\nbad day,0\r\n",
    );
    const read = await readLabelledCsv(path);
    expect(read.columns).toEqual(["text", "label"]);
    expect(read.labels).toEqual(["0", "1"]);
    expect(read.examples).toEqual([
      { text: "fine day", label: 1, line: 2 },
      { text: "bad day", label: 0, line: 3 },
    ]);
  });

  it("keeps quoted breaks, counts blanks", async () => {
    const path = await csvFile(
      'text,label\n"good\nand long",positive\n\nawful,negative\n',
    );
    const read = await readLabelledCsv(path);
    expect(read.examples).toEqual([
      { text: "good\nand long", label: 1, line: 2 },
      { text: "awful", label: 0, line: 5 },
    ]);
    expect(read.blankRows).toBe(1);
    expect(read.labels).toEqual(["negative", "positive"]);
  });

  it("reads IMDB-shaped columns", async () => {
    const path = await csvFile(
      'review,sentiment\n"One of the best.<br /><br />Loved it, truly.",positive\n"Dull, ""slow"" film.",negative\n',
    );
    const read = await readLabelledCsv(path, {
      textColumn: "review",
      labelColumn: "sentiment",
    });
    expect(read.examples.map((example) => example.text)).toEqual([
      "One of the best.<br /><br />Loved it, truly.",
      'Dull, "slow" film.',
    ]);
    expect(read.examples.map((example) => example.label)).toEqual([1, 0]);
  });

  it("names the line of a stray quote", async () => {
    const path = await csvFile('text,label\n"great film,1\nbad film,0\n');
    const error = await failure(path);
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error.message).toMatch(
      new RegExp(
        `^readLabelledCsv: ${escape(path)} line 2 is malformed \\(a stray quote: `,
      ),
    );
    expect(error.message).toContain(
      'Fix the quoting (write a quote inside a quoted field as ""); nothing was trained',
    );
  });

  it("names a third label value", async () => {
    const path = await csvFile("text,label\na,pos\nb,neg\nc,neutral\n");
    const error = await failure(path);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `readLabelledCsv: ${path} line 4 has a third label value "neutral", expected one of the two already seen ("pos", "neg"); a classifier here has two classes, so fix or remove the row`,
    );
  });

  it("lists columns when one is missing", async () => {
    const path = await csvFile("review,sentiment\ngood,positive\n");
    const error = await failure(path);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `readLabelledCsv: ${path} has no column "text"; the columns present are "review", "sentiment"; name the right ones with --text-column and --label-column`,
    );
  });

  it.each([
    [
      "a short row",
      "text,label\nlonely\n",
      "line 2 has 1 cell(s), expected 2 (text,label); quote cells that contain commas",
    ],
    [
      "an empty label",
      "text,label\nnice, \n",
      'line 2 has an empty "label" cell, expected a value; fill it in or delete the row',
    ],
    [
      "an empty text",
      'text,label\n"",1\n',
      'line 2 has an empty "text" cell, expected a value; fill it in or delete the row',
    ],
  ])("rejects %s", async (_, content, expected) => {
    const path = await csvFile(content);
    const error = await failure(path);
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error.message).toBe(`readLabelledCsv: ${path} ${expected}`);
  });

  it("rejects bytes that are not UTF-8", async () => {
    const path = await csvFile(new Uint8Array([0x74, 0x2c, 0xff, 0x0a]));
    expect((await failure(path)).message).toBe(
      `readLabelledCsv: ${path} is not valid UTF-8 text; save it as UTF-8 CSV`,
    );
  });

  it("rejects one label value", async () => {
    const path = await csvFile("text,label\na,1\nb,1\n");
    expect((await failure(path)).message).toContain("expected exactly 2");
  });
});

describe("malformedQuoteLine", () => {
  it.each([
    ['a,b\n"x,1\n', 2],
    ['a,b\n"x"y,1\n', 2],
    ['a,b\n"multi\nline",1\n"bad"z,0\n', 4],
    ['a,b\r\n"ok ""quoted""",1\r\n"open,0\r\n', 3],
    ['a,b\n"fine",1\n', undefined],
    ["a,b\nplain,1\n", undefined],
  ])("finds the line in %j", (text, line) => {
    expect(malformedQuoteLine(text)).toBe(line);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
