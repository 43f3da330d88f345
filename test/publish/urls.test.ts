import { describe, expect, it } from "vitest";

import type { GistInfo } from "../../src/publish/client.js";
import { redactToken } from "../../src/publish/token.js";
import { pinnedRawUrl, projectorLink } from "../../src/publish/urls.js";

function gist(rawUrl: string, name: string): GistInfo {
  return {
    id: "abc",
    htmlUrl: "",
    owner: "o",
    public: false,
    revision: undefined,
    files: { [name]: { raw_url: rawUrl } },
  };
}

describe("pinnedRawUrl", () => {
  it.each([
    [
      "https://gist.githubusercontent.com/o/abc/raw/blob1/vectors.tsv",
      "vectors.tsv",
      "rev2",
      "https://gist.githubusercontent.com/o/abc/raw/rev2/vectors.tsv",
    ],
    [
      "https://ghe.example.com/gist/o/abc/raw/blob1/vectors.tsv",
      "vectors.tsv",
      "rev2",
      "https://ghe.example.com/gist/o/abc/raw/rev2/vectors.tsv",
    ],
    [
      "https://gist.githubusercontent.com/raw/abc/raw/blob1/a%20b.tsv",
      "a b.tsv",
      "rev2",
      "https://gist.githubusercontent.com/raw/abc/raw/rev2/a%20b.tsv",
    ],
    [
      "https://gist.githubusercontent.com/o/abc/raw/blob1/vectors.tsv",
      "vectors.tsv",
      undefined,
      "https://gist.githubusercontent.com/o/abc/raw/blob1/vectors.tsv",
    ],
  ])("pins %s to %s", (rawUrl, name, revision, expected) => {
    expect(pinnedRawUrl(gist(rawUrl, name), name, revision)).toBe(expected);
  });

  it("rejects a file without raw_url", () => {
    expect(() => pinnedRawUrl(gist("x", "a.tsv"), "b.tsv", "r")).toThrow(
      /found no raw_url for b.tsv/,
    );
  });
});

describe("projectorLink", () => {
  it("percent-encodes the config URL", () => {
    const url = "https://h/o/abc/raw/r/projector_config.json?x=1&y=2";
    const link = projectorLink(url);
    expect(link).toBe(
      "https://projector.tensorflow.org/?config=https%3A%2F%2Fh%2Fo%2Fabc%2Fraw%2Fr%2Fprojector_config.json%3Fx%3D1%26y%3D2",
    );
    expect(new URL(link).searchParams.get("config")).toBe(url);
  });
});

describe("redactToken", () => {
  it.each([
    ["token ghp_x and ghp_x", "ghp_x", "token [REDACTED] and [REDACTED]"],
    ["nothing here", "ghp_x", "nothing here"],
    ["kept", undefined, "kept"],
  ])("redacts %s", (text, token, expected) => {
    expect(redactToken(text, token)).toBe(expected);
  });
});
