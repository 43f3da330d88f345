// Splits text into user-perceived characters (grapheme clusters).

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Splits `text` into grapheme clusters, so an emoji with a skin tone, a flag
 * or a zero-width-joiner sequence stays one piece.
 */
export function splitGraphemes(text: string): string[] {
  const pieces: string[] = [];
  for (const { segment } of segmenter.segment(text)) pieces.push(segment);
  return pieces;
}
