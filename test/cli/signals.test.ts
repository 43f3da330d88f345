import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { makeTempDir } from "../helpers/temp.js";

const BIN = fileURLToPath(new URL("../../bin/textdream.js", import.meta.url));

/** Lists the hidden entries of `dir` (temporary files, staging directories). */
function hidden(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.startsWith("."));
}

/**
 * Runs the built command line in a child process, waits until a hidden
 * entry appears in `watch`, sends `signal`, and returns the exit code.
 */
async function interrupt(
  args: string[],
  cwd: string,
  watch: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; sawTemporary: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code)),
  );
  let sawTemporary = false;
  for (let waited = 0; waited < 30_000 && child.exitCode === null;) {
    if (hidden(watch).length > 0) {
      sawTemporary = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    waited += 20;
  }
  child.kill(signal);
  return { code: await exited, sawTemporary };
}

describe("interrupted commands", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "remove a dream's staging directory on %s",
    async (signal, code) => {
      const dir = await makeTempDir();
      const result = await interrupt(
        ["dream", "I hate this.", "--steps", "3000", "--out", "run"],
        dir,
        dir,
        signal,
      );
      expect(result.sawTemporary).toBe(true);
      expect(result.code).toBe(code);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("removes an export's temporary vectors file", async () => {
    const dir = await makeTempDir();
    // 200,000 rows of 50 numbers: about a second of writing.
    const row = Array.from({ length: 50 }, (_, i) => (i / 7).toFixed(5));
    const lines = Array.from(
      { length: 200_000 },
      (_, i) => `w${i} ${row.join(" ")}`,
    );
    await writeFile(join(dir, "big.txt"), `${lines.join("\n")}\n`);
    const result = await interrupt(
      ["export", "big.txt", "--out", "run"],
      dir,
      join(dir, "run"),
      "SIGINT",
    );
    expect(result.sawTemporary).toBe(true);
    expect(result.code).toBe(130);
    expect(hidden(join(dir, "run"))).toEqual([]);
  });
});
