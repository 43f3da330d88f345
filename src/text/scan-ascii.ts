// The tokenizer's fast path for lowercase ASCII text: the same rules as the
// grapheme path in tokenize.ts, on character codes, with no allocation per
// character.
import { DASH_TOKEN, ELLIPSIS_TOKEN } from "./normalize.js";

const HYPHEN = 45;
const DOT = 46;
const COMMA = 44;
const APOSTROPHE = 39;
const SPACE = 32;
const DELETE = 127;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordCode(code: number): boolean {
  return (
    isDigit(code) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
  );
}

/**
 * Splits lowercase ASCII `text` into raw tokens: words (with their
 * contraction endings still attached), runs of dots or hyphens, and single
 * punctuation characters. Control characters separate tokens like spaces.
 */
export function scanAscii(
  text: string,
  onWord: (word: string) => void,
  onToken: (token: string) => void,
): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isWordCode(code)) {
      const end = asciiWordEnd(text, i);
      onWord(text.slice(i, end));
      i = end;
    } else if (code <= SPACE || code === DELETE) {
      i++;
    } else if (code === DOT || code === HYPHEN) {
      let end = i + 1;
      while (text.charCodeAt(end) === code) end++;
      onToken(end - i === 1 ? text[i]! : runToken(code));
      i = end;
    } else {
      onToken(text[i]!);
      i++;
    }
  }
}

function runToken(code: number): string {
  return code === DOT ? ELLIPSIS_TOKEN : DASH_TOKEN;
}

/**
 * Finds where the word starting at `start` ends: letters and digits joined
 * by an apostrophe or hyphen between two of them, or by a dot or comma
 * between digits of a number.
 */
function asciiWordEnd(text: string, start: number): number {
  let end = start;
  let numeric = true;
  for (;;) {
    let code = text.charCodeAt(end);
    while (isWordCode(code)) {
      if (!isDigit(code)) numeric = false;
      code = text.charCodeAt(++end);
    }
    const next = text.charCodeAt(end + 1);
    if (!isWordCode(next)) return end;
    if (code === APOSTROPHE || code === HYPHEN) {
      numeric = false;
      end += 1;
    } else if ((code === DOT || code === COMMA) && numeric && isDigit(next)) {
      end += 1;
    } else {
      return end;
    }
  }
}
