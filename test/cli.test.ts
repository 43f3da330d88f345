import { describe, expect, it } from "vitest";

import { runTextdream } from "./helpers/cli.js";

describe("command line", () => {
  it("prints help with exit code 0", async () => {
    const result = await runTextdream(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: textdream");
    expect(result.stdout).toContain("dream");
    expect(result.stdout).toContain("neighbors");
  });

  it("rejects an unknown command with exit code 1", async () => {
    const result = await runTextdream(["sleepwalk"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'sleepwalk'");
  });
});
