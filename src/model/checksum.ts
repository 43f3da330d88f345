import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Returns the sha256 (hex) of the file at `path`, read as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}
