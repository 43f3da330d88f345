// The user-facing messages about sentences, kept in one place so each
// stays one greppable template literal.
import { UsageError } from "../errors.js";

const SHOWN_CHARACTERS = 60;
const EXAMPLE = `pass a sentence with words, such as "I love this show."`;
const FIX =
  "check the spelling or use a more common word (the vocabulary is GloVe's 341,479 words)";

/** Quotes `text` for a message, cut to 60 characters. */
export function quoteSentence(text: string): string {
  const characters = Array.from(text);
  if (characters.length <= SHOWN_CHARACTERS) return JSON.stringify(text);
  const cut = characters.slice(0, SHOWN_CHARACTERS - 3).join("");
  return JSON.stringify(`${cut}...`);
}

/** Lists tokens once each, in their first order, separated by commas. */
function listTokens(tokens: readonly string[]): string {
  return [...new Set(tokens)].join(", ");
}

function describeUnknown(unknown: readonly string[]): string {
  return new Set(unknown).size === 1
    ? `token ${unknown[0]} is not in the vocabulary`
    : `tokens ${listTokens(unknown)} are not in the vocabulary`;
}

function describeIgnored(ignored: readonly string[]): string {
  const verb = new Set(ignored).size === 1 ? "is" : "are";
  return `${listTokens(ignored)} ${verb} ignored (single letters, numbers and the possessive 's have no vector in the vocabulary)`;
}

/** Builds the error for a sentence that has no token at all. */
export function emptySentenceError(text: string, position: number): UsageError {
  if (text === "") {
    return new UsageError(
      `sentence ${position} is empty: expected at least one word; ${EXAMPLE}`,
    );
  }
  if (text.trim() === "") {
    return new UsageError(
      `sentence ${position} (${quoteSentence(text)}) is only whitespace: expected at least one word; ${EXAMPLE}`,
    );
  }
  return new UsageError(
    `sentence ${position} (${quoteSentence(text)}) has no token once <br> tags and invisible characters are removed: expected at least one word; ${EXAMPLE}`,
  );
}

/** Builds the error for a sentence none of whose tokens has a vector. */
export function noKnownWordError(
  text: string,
  position: number,
  unknown: readonly string[],
  ignored: readonly string[],
): UsageError {
  const reasons: string[] = [];
  if (unknown.length > 0) reasons.push(describeUnknown(unknown));
  if (ignored.length > 0) reasons.push(describeIgnored(ignored));
  return new UsageError(
    `no known word in sentence ${position} (${quoteSentence(text)}): ${reasons.join(" and ")}; ${FIX}`,
  );
}

/** Builds the error for a token list none of which has a vector. */
export function noKnownTokensError(tokens: readonly string[]): UsageError {
  const shown = tokens.length === 0 ? "(none)" : listTokens(tokens);
  return new UsageError(
    `embedTokens: no known word among tokens ${shown}; pass at least one token found in the vocabulary.`,
  );
}

/** Builds the warning naming a sentence's tokens the vocabulary lacks. */
export function unknownTokensMessage(
  text: string,
  position: number,
  unknown: readonly string[],
): string {
  return `sentence ${position} (${quoteSentence(text)}): ${describeUnknown(unknown)}, so the vector averages the other words; ${FIX}`;
}

/** Builds the debug line naming a sentence's ignored tokens. */
export function ignoredTokensMessage(
  text: string,
  position: number,
  ignored: readonly string[],
): string {
  return `sentence ${position} (${quoteSentence(text)}): ${describeIgnored(ignored)}`;
}
