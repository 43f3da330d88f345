import { describe, expect, it } from "vitest";
import { tokenize, tokenizesWhole } from "../../src/text/index.js";

describe("tokenize", () => {
  it.each([
    ["lowercases words", "I Love THIS", ["i", "love", "this"]],
    ["splits punctuation", "great, really!", ["great", ",", "really", "!"]],
    ["splits final period", "I hate this.", ["i", "hate", "this", "."]],
    ["splits don't", "don't", ["do", "n't"]],
    ["splits can't as ca", "can't", ["ca", "n't"]],
    ["splits won't as wo", "won't", ["wo", "n't"]],
    ["splits shan't as sha", "shan't", ["sha", "n't"]],
    ["splits ain't as ai", "ain't", ["ai", "n't"]],
    ["splits isn't", "Isn't", ["is", "n't"]],
    ["splits it's", "it's", ["it", "'s"]],
    ["splits 're", "they're", ["they", "'re"]],
    ["splits 'll", "we'll", ["we", "'ll"]],
    ["splits 've", "I've", ["i", "'ve"]],
    ["splits 'm", "I'm", ["i", "'m"]],
    ["splits 'd", "you'd", ["you", "'d"]],
    ["splits two endings", "they'll've", ["they", "'ll", "'ve"]],
    ["splits possessive", "John's car", ["john", "'s", "car"]],
    ["keeps o'clock whole", "o'clock", ["o'clock"]],
    ["keeps quote-ended stem", "dogs'n't", ["dogs'n't"]],
    ["keeps plural possessive", "dogs' owner", ["dogs", "'", "owner"]],
    ["keeps quote marks", "'so' good", ["'", "so", "'", "good"]],
  ])("%s", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["right single quote", "don\u2019t", ["do", "n't"]],
    ["left single quote", "\u2018so\u2019", ["'", "so", "'"]],
    ["double curly quotes", "\u201cso\u201d", ['"', "so", '"']],
    ["guillemets", "\u00abso\u00bb", ['"', "so", '"']],
    ["PTB quotes", "``so''", ['"', "so", '"']],
    ["modifier apostrophe", "it\u02bcs", ["it", "'s"]],
    ["em dash", "yes\u2014no", ["yes", "--", "no"]],
    ["en dash", "yes \u2013 no", ["yes", "--", "no"]],
    ["hyphen run", "yes---no", ["yes", "--", "no"]],
    ["ellipsis character", "wait\u2026", ["wait", "..."]],
    ["dot run", "wait....", ["wait", "..."]],
  ])("folds %s", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["<br />", "good.<br /><br />Bad", ["good", ".", "bad"]],
    ["<br/>", "good<br/>bad", ["good", "bad"]],
    ["<br>", "good<br>bad", ["good", "bad"]],
    ["<BR />", "good<BR />bad", ["good", "bad"]],
    ["<br >", "good<br >bad", ["good", "bad"]],
  ])("removes %s tags", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["composed accent", "Café", ["café"]],
    ["decomposed accent", "Cafe\u0301", ["café"]],
    ["diaeresis", "naïve", ["naïve"]],
    ["non-Latin script", "日本語 text", ["日本語", "text"]],
  ])("keeps %s", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["emoji after word", "great😀", ["great", "😀"]],
    ["emoji between words", "so😀good", ["so", "😀", "good"]],
    ["skin tone", "ok👍🏽!", ["ok", "👍🏽", "!"]],
    ["ZWJ family", "us👨‍👩‍👧", ["us", "👨‍👩‍👧"]],
    ["flag", "go🇫🇷", ["go", "🇫🇷"]],
    ["keycap", "1️⃣st", ["1️⃣", "st"]],
    ["heart with selector", "love❤️it", ["love", "❤️", "it"]],
    ["two emoji", "😀😀", ["😀", "😀"]],
  ])("splits %s", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["hyphenated word", "a well-known show", ["a", "well-known", "show"]],
    ["trailing hyphen", "anti- war", ["anti", "-", "war"]],
    ["decimal number", "3.14 m", ["3.14", "m"]],
    ["thousands", "1,000,000 fans", ["1,000,000", "fans"]],
    ["number then comma", "in 1990, yes", ["in", "1990", ",", "yes"]],
    ["ordinal", "3rd time", ["3rd", "time"]],
    ["decade", "1990's", ["1990", "'s"]],
    ["abbreviation", "U.S. army", ["u", ".", "s", ".", "army"]],
    ["money", "$5.50", ["$", "5.50"]],
    ["percent", "50%", ["50", "%"]],
    ["smiley", ":)", [":", ")"]],
    ["repeated marks", "no!!", ["no", "!", "!"]],
  ])("tokenizes %s", (_, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ["empty", ""],
    ["spaces", "   "],
    ["tabs and newlines", "\t\r\n"],
    ["no-break space", "\u00a0"],
    ["tags only", "<br /><br />"],
    ["zero-width space", "\u200b"],
    ["lone combining mark", "\u0301"],
  ])("returns nothing for %s", (_, text) => {
    expect(tokenize(text)).toEqual([]);
  });
});

describe("tokenizesWhole", () => {
  it.each([
    ["great", true],
    ["well-known", true],
    [",", true],
    ["h1n1", true],
    ["anti-", false],
    ["mission--pages", false],
    ["\u201c", false],
    ["don't", false],
    ["Great", false],
  ])("tells %s", (word, expected) => {
    expect(tokenizesWhole(word)).toBe(expected);
  });
});
