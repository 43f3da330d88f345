// Text clean-up that runs before tokenizing: markup, quotes, case.

/** Line-break tags as found in IMDB reviews: `<br />`, `<br/>`, `<BR>`. */
const BREAK_TAG = /<br\s*\/?\s*>/giu;

/** Curly and typographic single quotes, folded to `'`. */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\uFF07]/gu;

/** Curly and typographic double quotes, folded to `"`. */
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/gu;

/** Penn Treebank style quotes written with two characters. */
const PAIRED_QUOTES = /``|''/gu;

/** Dashes written as one character, folded to `--`. */
const DASHES = /[\u2012\u2013\u2014\u2015\u2E3A\u2E3B]/gu;

/** The ellipsis character, folded to `...`. */
const ELLIPSIS = /\u2026/gu;

/** Control characters, which separate tokens like a space does. */
const CONTROLS = /\p{Cc}/gu;

/**
 * Invisible format characters (soft hyphen, zero-width space, word joiner,
 * directional marks). The zero-width joiner and variation selectors are
 * kept because emoji sequences need them.
 */
const INVISIBLES = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064]/gu;

/** Text made only of ASCII characters. */
export const ASCII_ONLY = /^[\x00-\x7F]*$/u;

/** The token a run of dashes becomes, as in the Penn Treebank. */
export const DASH_TOKEN = "--";

/** The token an ellipsis becomes, as in the Penn Treebank. */
export const ELLIPSIS_TOKEN = "...";

/**
 * Normalizes `text` for tokenizing: removes `<br>` tags, folds curly quotes
 * to straight ones, dash characters to `--` and the ellipsis character to
 * `...`, lowercases, and composes accented letters (NFC) so `café` has one
 * form.
 */
export function normalizeText(text: string): string {
  const ascii = ASCII_ONLY.test(text);
  const plain = (ascii ? text : foldUnicode(text))
    .replace(BREAK_TAG, " ")
    .replace(PAIRED_QUOTES, '"')
    .toLowerCase();
  return ascii ? plain : plain.normalize("NFC");
}

function foldUnicode(text: string): string {
  return text
    .normalize("NFC")
    .replace(CONTROLS, " ")
    .replace(INVISIBLES, "")
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, ` ${DASH_TOKEN} `)
    .replace(ELLIPSIS, ` ${ELLIPSIS_TOKEN} `);
}
