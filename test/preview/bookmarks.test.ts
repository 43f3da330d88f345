import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import {
  layoutBookmark,
  verifyBookmarks,
} from "../../src/projector/bookmarks.js";
import { makeTempDir } from "../helpers/temp.js";

const state = () =>
  layoutBookmark(Float64Array.from([0.123456789, -2, 3, 4e-9]), {
    label: "layout",
    dim: 5,
  });

describe("layoutBookmark", () => {
  it("rounds coordinates to 6 digits", () => {
    expect(state().projections).toEqual([
      { "umap-0": 0.123457, "umap-1": -2 },
      { "umap-0": 3, "umap-1": 4e-9 },
    ]);
    expect(state().dataSetDimensions).toEqual([2, 5]);
  });
});

describe("verifyBookmarks", () => {
  const cases: Array<[string, unknown, RegExp | null]> = [
    ["a valid state", [state()], null],
    ["an object", {}, /JSON array/],
    [
      "a wrong point count",
      [{ ...state(), dataSetDimensions: [3, 5] }],
      /run has 2 points/,
    ],
    [
      "a missing projection",
      [{ ...state(), projections: [{}] }],
      /1 projections for 2 points/,
    ],
    [
      "a NaN coordinate",
      [
        {
          ...state(),
          projections: [
            { "umap-0": 1, "umap-1": 1 },
            { "umap-0": null, "umap-1": 1 },
          ],
        },
      ],
      /no finite "umap-0" for point 1/,
    ],
    [
      "an unknown projection",
      [{ ...state(), selectedProjection: "lda" }],
      /selectedProjection "lda"/,
    ],
  ];

  it.each(cases)("checks %s", async (_, content, expected) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "bookmarks.json"), JSON.stringify(content));
    const problems = await verifyBookmarks(dir, "bookmarks.json", 2);
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems[0]?.message).toMatch(expected);
  });

  it("reports broken JSON", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "bookmarks.json"), "[{");
    const problems = await verifyBookmarks(dir, "bookmarks.json", 2);
    expect(problems[0]).toMatchObject({ file: "bookmarks.json", line: 1 });
  });
});
