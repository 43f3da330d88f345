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
 * `" so "` -> `"so"`, `dogs '` -> `dogs'`. Two tokens are written together
 * only when tokenizing them again splits them the same way, so
 * `tokenize(detokenize(tokens))` gives `tokens` back for any output of
 * `tokenize` (case is not restored). The same is true after replacing a
 * token with a word for which `tokenizesWhole` is true and
 * `isPunctuationOnly` false.
 *
 * NOTE: a contraction ending after punctuation (`- 're`) comes back as
 * `- ' re`, because no text tokenizes to the former.
 */
export function detokenize(tokens: readonly string[]): string {
  let text = "";
  // The tokens written since the last space, which a glued token joins.
  let chunk: string[] = [];
  let openAfter = false;
  const openQuotes = new Set<string>();
  for (const token of tokens) {
    const previous = chunk[chunk.length - 1];
    const { before, after } = attachment(token, previous, openQuotes);
    const glue =
      previous !== undefined &&
      (before || openAfter) &&
      joinsSafely(chunk, token);
    if (glue) chunk.push(token);
    else {
      if (previous !== undefined) text += " ";
      chunk = [token];
    }
    text += token;
    openAfter = after;
  }
  return text;
}

/**
 * Tells whether `token` is written against the token before it, the one
 * after it, or neither. Updates `openQuotes`, the quotes open so far.
 */
function attachment(
  token: string,
  previous: string | undefined,
  openQuotes: Set<string>,
): { before: boolean; after: boolean } {
  if (token === "'" && !openQuotes.has(token) && isPlural(previous)) {
    // The possessive of a plural: `the dogs' owner`.
    return { before: true, after: false };
  }
  if (QUOTES.has(token)) {
    const closing = openQuotes.has(token);
    if (closing) openQuotes.delete(token);
    else openQuotes.add(token);
    return { before: closing, after: !closing };
  }
  return {
    before: CLOSERS.has(token) || isSuffix(token),
    after: OPENERS.has(token),
  };
}

function isPlural(token: string | undefined): boolean {
  return token !== undefined && token.length > 1 && /\p{L}s$/u.test(token);
}

function isSuffix(token: string): boolean {
  return token === ELLIPSIS_TOKEN || CONTRACTION_SUFFIXES.includes(token);
}

/** Tells whether the glued text tokenizes back into the same tokens. */
function joinsSafely(chunk: readonly string[], token: string): boolean {
  const again = tokenize(chunk.join("") + token);
  return (
    again.length === chunk.length + 1 &&
    again.every((piece, i) => piece === (chunk[i] ?? token))
  );
}
