import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";

const created: string[] = [];

afterEach(async () => {
  while (created.length > 0) {
    const dir = created.pop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
});

/** Creates a temporary directory removed after the current test. */
export async function makeTempDir(prefix = "textdream-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const createdForSuite: string[] = [];

afterAll(async () => {
  while (createdForSuite.length > 0) {
    const dir = createdForSuite.pop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
});

/**
 * Creates a temporary directory that lives until the end of the test file,
 * for fixtures built once in `beforeAll`.
 */
export async function makeSuiteTempDir(
  prefix = "textdream-suite-",
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  createdForSuite.push(dir);
  return dir;
}
