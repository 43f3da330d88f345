import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A JSON schema node of GitHub's OpenAPI description (OpenAPI 3.0). */
type Schema = Record<string, unknown>;

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>>;
}

interface OperationObject {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
}

let cached: OpenApiDocument | undefined;

/** Loads GitHub's published OpenAPI description from `@octokit/openapi`. */
export function loadGitHubOpenApi(): OpenApiDocument {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const path =
    require.resolve("@octokit/openapi/generated/api.github.com.json");
  cached = JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
  return cached;
}

/**
 * Checks a response body against the schema GitHub publishes for
 * `method path` and `status`; returns the problems found (empty when valid).
 */
export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const doc = loadGitHubOpenApi();
  const operation = doc.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`no operation ${method} ${path} in the description`];
  const response = resolve(doc, operation.responses[String(status)]);
  if (!response) return [`${method} ${path} does not document ${status}`];
  const content = (response as { content?: Record<string, Schema> }).content;
  const schema = content?.["application/json"]?.schema;
  if (!schema) {
    return body === undefined ? [] : [`${status} documents no JSON body`];
  }
  return check(doc, schema, body, "body");
}

/** Checks a request body against the schema of `method path`. */
export function validateRequest(
  method: string,
  path: string,
  body: unknown,
): string[] {
  const doc = loadGitHubOpenApi();
  const operation = doc.paths[path]?.[method.toLowerCase()];
  const schema = operation?.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return [`no request schema for ${method} ${path}`];
  return check(doc, schema, body, "request");
}

function resolve(doc: OpenApiDocument, node: unknown): unknown {
  let current = node;
  while (
    current &&
    typeof current === "object" &&
    typeof (current as { $ref?: unknown }).$ref === "string"
  ) {
    const ref = (current as { $ref: string }).$ref;
    const parts = ref.replace(/^#\//, "").split("/");
    current = parts.reduce<unknown>(
      (value, key) => (value as Record<string, unknown>)?.[key],
      doc,
    );
    if (current === undefined) throw new Error(`unresolved ${ref}`);
  }
  return current;
}

function check(
  doc: OpenApiDocument,
  node: unknown,
  value: unknown,
  at: string,
): string[] {
  const schema = resolve(doc, node) as Schema;
  if (value === null) {
    return schema.nullable === true || schema.type === undefined
      ? []
      : [`${at}: null is not allowed`];
  }
  if (Array.isArray(schema.allOf)) {
    const all = schema.allOf.flatMap((part) => check(doc, part, value, at));
    if (all.length > 0) return all;
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const fits = options.filter(
        (part) => check(doc, part, value, at).length === 0,
      ).length;
      const ok = key === "oneOf" ? fits === 1 : fits >= 1;
      if (!ok) return [`${at}: ${fits} of the ${key} branches match`];
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  }
  return checkType(doc, schema, value, at);
}

function checkType(
  doc: OpenApiDocument,
  schema: Schema,
  value: unknown,
  at: string,
): string[] {
  switch (schema.type) {
    case undefined:
      return [];
    case "object":
      return isObject(value)
        ? checkObject(doc, schema, value, at)
        : [`${at}: expected an object`];
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, i) =>
            check(doc, schema.items ?? {}, item, `${at}[${i}]`),
          )
        : [`${at}: expected an array`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${at}: expected an integer`];
    case "number":
      return typeof value === "number" ? [] : [`${at}: expected a number`];
    case "string":
      return checkString(schema, value, at);
    case "boolean":
      return typeof value === "boolean" ? [] : [`${at}: expected a boolean`];
    default:
      return [`${at}: unknown schema type ${String(schema.type)}`];
  }
}

function checkString(schema: Schema, value: unknown, at: string): string[] {
  if (typeof value !== "string") return [`${at}: expected a string`];
  if (schema.format === "date-time" && Number.isNaN(Date.parse(value))) {
    return [`${at}: "${value}" is not a date-time`];
  }
  if (schema.format === "uri" && !URL.canParse(value)) {
    return [`${at}: "${value}" is not a URI`];
  }
  return [];
}

function checkObject(
  doc: OpenApiDocument,
  schema: Schema,
  value: Record<string, unknown>,
  at: string,
): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) problems.push(`${at}.${name}: required, missing`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (name in properties) {
      problems.push(...check(doc, properties[name], item, `${at}.${name}`));
    } else if (schema.additionalProperties === false) {
      problems.push(`${at}.${name}: not allowed`);
    } else if (isObject(schema.additionalProperties)) {
      problems.push(
        ...check(doc, schema.additionalProperties, item, `${at}.${name}`),
      );
    }
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
