import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { WordStore } from "../../src/export/word-store.js";

function addAll(store: WordStore, words: string[]): boolean[] {
  return words.map((word) => {
    if (store.has(word)) return false;
    store.addStaged();
    return true;
  });
}

describe("word store", () => {
  it("matches a Set on random words", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (words) => {
        const store = new WordStore();
        const set = new Set<string>();
        const added = addAll(store, words);
        const expected = words.map((word) => !set.has(word) && !!set.add(word));
        expect(added).toEqual(expected);
        expect([...store.words()]).toEqual([...set]);
        expect(store.size).toBe(set.size);
      }),
    );
  });

  it("grows past its first capacity", () => {
    const store = new WordStore();
    const words = Array.from({ length: 100_000 }, (_, i) => `w\u00e9${i}`);
    expect(addAll(store, words).every(Boolean)).toBe(true);
    expect(addAll(store, words).some(Boolean)).toBe(false);
    const stored = [...store.words()];
    expect(stored).toHaveLength(100_000);
    expect(stored[99_999]).toBe("w\u00e999999");
  });

  it("keeps an unstaged word out", () => {
    const store = new WordStore();
    expect(store.has("a")).toBe(false);
    expect(store.has("b")).toBe(false);
    store.addStaged();
    expect([...store.words()]).toEqual(["b"]);
    expect(store.has("a")).toBe(false);
    expect(store.has("b")).toBe(true);
  });
});
