/**
 * English function words that `--stopwords keep` freezes in token dreams:
 * articles, pronouns, auxiliaries, prepositions and conjunctions, plus the
 * words GloVe's contraction pieces map to.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an the this that these those it its it's i me my we our you your he " +
    "him his she her they them their what which who whom whose is am are " +
    "was were be been being have has had do does did will would shall " +
    "should can could may might must not no nor and or but if then so " +
    "than too very of at by for with about against between into through " +
    "during before after above below to from up down in out on off over " +
    "under again further once here there when where why how all any both " +
    "each few more most other some such only own same just as until while " +
    "n't 's 're 've 'll 'm 'd"
  ).split(" "),
);
