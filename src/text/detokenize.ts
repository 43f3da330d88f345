import { CONTRACTION_SUFFIXES, tokenize } from "./tokenize.js";
import { ELLIPSIS_TOKEN } from "./normalize.js";

/** Tokens written against the token before them: `great!`, `(so)`. */
const CLOSERS = new Set([",", ".", "!", "?", ";", ":", ")", "]", "}", "%"]);

/** Tokens written against the token after them: `(so)`, `$5`. */
const OPENERS = new Set(["(", "[", "{", "$", "£", "€", "¥", "#"]);

/** Quote tokens that open and close in turn: `"so"`, `'so'`. */
const QUOTES = new Set(['"', "'"]);

/**
 * Joins tokens back into readable text, undoing {@link tokenize}'s splits:
 * `do n't` -> `don't`, `ca n't` -> `can't`, `great !` -> `great!`,
 * `" so "` -> `"so"`, `dogs '` -> `dogs'`. Two tokens are written together only when
 * tokenizing them again splits them the same way, so
 * `tokenize(detokenize(tokens))` gives `tokens` back for any output of
 * `tokenize` (case is not restored).
 */
export function detokenize(tokens: readonly string[]): string {
  let text = "";
  let previous: string | undefined;
  let openAfter = false;
  const openQuotes = new Set<string>();
  for (const token of tokens) {
    let attachBefore = false;
    let attachAfter = false;
    if (token === "'" && !openQuotes.has(token) && isPlural(previous)) {
      // The possessive of a plural: `the dogs' owner`.
      attachBefore = true;
    } else if (QUOTES.has(token)) {
      const closing = openQuotes.has(token);
      if (closing) openQuotes.delete(token);
      else openQuotes.add(token);
      attachBefore = closing;
      attachAfter = !closing;
    } else {
      attachBefore = CLOSERS.has(token) || isSuffix(token);
      attachAfter = OPENERS.has(token);
    }
    const glue =
      previous !== undefined &&
      (attachBefore || openAfter) &&
      joinsSafely(previous, token);
    if (previous !== undefined) text += glue ? "" : " ";
    text += token;
    previous = token;
    openAfter = attachAfter;
  }
  return text;
}

function isPlural(token: string | undefined): boolean {
  return token !== undefined && token.length > 1 && /\p{L}s$/u.test(token);
}

function isSuffix(token: string): boolean {
  return token === ELLIPSIS_TOKEN || CONTRACTION_SUFFIXES.includes(token);
}

/** Tells whether `left + right` tokenizes back into exactly the two. */
function joinsSafely(left: string, right: string): boolean {
  const again = tokenize(left + right);
  return again.length === 2 && again[0] === left && again[1] === right;
}
