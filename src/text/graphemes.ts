// Splits text into user-perceived characters (grapheme clusters).

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Text made only of ASCII characters, where each character is a grapheme. */
const ASCII_ONLY = /^[\x00-\x7F]*$/u;

/**
 * Splits `text` into grapheme clusters, so an emoji with a skin tone, a flag
 * or a zero-width-joiner sequence stays one piece. ASCII text takes a fast
 * path, as every ASCII character is its own grapheme (a CR LF pair is one
 * grapheme, but both are whitespace to the tokenizer).
 */
export function splitGraphemes(text: string): string[] {
  if (ASCII_ONLY.test(text)) return text.split("");
  const pieces: string[] = [];
  for (const { segment } of segmenter.segment(text)) pieces.push(segment);
  return pieces;
}
