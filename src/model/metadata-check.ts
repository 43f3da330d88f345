import { FileFormatError } from "../errors.js";
import type { ModelMetadata } from "./metadata.js";

/**
 * Checks that `value`, read from the metadata file at `path`, is textdream
 * model metadata of a version this code reads, and returns it typed.
 */
export function checkMetadata(value: unknown, path: string): ModelMetadata {
  const record = value as Partial<ModelMetadata> | null;
  const fail = (what: string, got: unknown): never => {
    throw new FileFormatError(
      `loadModel: ${path} has ${what} ${JSON.stringify(got)}, expected ${expectations[what]}; train the model again with \`textdream train\``,
    );
  };
  if (record === null || typeof record !== "object") fail("content", value);
  if (record?.format !== "textdream-model") fail("format", record?.format);
  if (record?.version !== 1) fail("version", record?.version);
  const labels = record?.labels;
  if (
    !Array.isArray(labels) ||
    labels.length !== 2 ||
    !labels.every((label) => typeof label === "string")
  ) {
    fail("labels", labels);
  }
  const dim = record?.embedding?.dim;
  if (typeof dim !== "number" || !Number.isInteger(dim) || dim < 1) {
    fail("embedding.dim", dim);
  }
  return record as ModelMetadata;
}

const expectations: Record<string, string> = {
  content: "a JSON object",
  format: '"textdream-model"',
  version: "1",
  labels: "two class names",
  "embedding.dim": "a positive whole number",
};
