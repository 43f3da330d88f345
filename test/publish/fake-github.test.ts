import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  blobSha,
  startFakeGitHub,
  type FakeGitHub,
} from "../helpers/fake-github.js";
import { validateRequest, validateResponse } from "../helpers/openapi.js";
import { ACCOUNTS, TOKEN } from "./run-fixture.js";

let fake: FakeGitHub;

beforeEach(async () => {
  fake = await startFakeGitHub(ACCOUNTS);
});

afterEach(async () => {
  await fake.close();
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `token ${TOKEN}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

describe("openapi validation", () => {
  it("flags a wrong field type", () => {
    const problems = validateResponse("GET", "/gists/{gist_id}", 200, {
      files: { "a.tsv": { size: "12" } },
    });
    expect(problems).toEqual(["body.files.a.tsv.size: expected an integer"]);
  });

  it("flags a missing required owner field", () => {
    const problems = validateResponse("POST", "/gists", 201, {
      owner: { id: 1 },
    });
    expect(problems).toContain("body.owner.login: required, missing");
  });

  it("flags a request without files", () => {
    expect(validateRequest("POST", "/gists", { public: false })).toEqual([
      "request.files: required, missing",
    ]);
  });

  it("accepts GitHub's documented error body", () => {
    expect(
      validateResponse("PATCH", "/gists/{gist_id}", 422, {
        message: "Validation Failed",
        documentation_url: "https://docs.github.com/rest",
      }),
    ).toEqual([]);
  });
});

describe("fake gist server", () => {
  it("keeps every revision", async () => {
    const created = await api("POST", "/gists", {
      files: { "a.txt": { content: "one" } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await api("PATCH", `/gists/${id}`, {
      files: { "a.txt": { content: "two" } },
    });
    expect(updated.body.history).toHaveLength(2);
    const first = updated.body.history[1].version as string;
    const old = await api("GET", `/gists/${id}/${first}`);
    expect(old.body.files["a.txt"].content).toBe("one");
    const raw = await fetch(
      `${fake.gistOrigin}/octocat/${id}/raw/${first}/a.txt`,
    );
    expect(await raw.text()).toBe("one");
  });

  it("puts the blob sha in raw_url", async () => {
    const created = await api("POST", "/gists", {
      files: { "a.txt": { content: "one" } },
    });
    const rawUrl = created.body.files["a.txt"].raw_url as string;
    expect(rawUrl).toBe(
      `${fake.gistOrigin}/octocat/${created.body.id}/raw/${blobSha("one")}/a.txt`,
    );
    expect(blobSha("one")).toBe("43dd47ea691c90a5fa7827892c70241913351963");
    expect(await (await fetch(rawUrl)).text()).toBe("one");
  });

  it("answers 422 for blank content", async () => {
    const result = await api("POST", "/gists", {
      files: { "a.txt": { content: " \n" } },
    });
    expect(result.status).toBe(422);
    expect(result.body.message).toBe("Validation Failed");
    expect(fake.gists.size).toBe(0);
  });

  it("sends scopes with each answer", async () => {
    const result = await api("GET", "/gists/none");
    expect(result.status).toBe(404);
    expect(result.headers.get("x-oauth-scopes")).toBe("gist, repo");
  });
});
