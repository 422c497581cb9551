export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
  additionalProperties?: JsonSchema | boolean;
}

export interface Operation {
  method: string;
  /** OpenAPI form: /api/admin/users/{id} */
  path: string;
  params: string[];
  /** Names of the query parameters. */
  query: string[];
  /** The JSON request body's schema, with $refs resolved one level; null when the route takes no body. */
  body: JsonSchema | null;
  /** Response descriptions by status. */
  responses: Record<string, string>;
  /** The permission an admin route needs (`x-permission`), if any. */
  permission: string | null;
  /** The operation's security requirements: `[{ sessionCookie: [] }]` when a session is required. */
  security: Array<Record<string, string[]>>;
}

interface RawOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
  "x-permission"?: string;
  security?: Array<Record<string, string[]>>;
}

function resolve(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema | null {
  if (!schema) return null;
  const own = schema.$ref ? components[schema.$ref.split("/").at(-1)!]! : schema;
  const properties = Object.fromEntries(Object.entries(own.properties ?? {}).map(([k, v]) => [k, resolve(v, components)!]));
  return { ...own, properties };
}

/** Every operation the API documents, read from its own OpenAPI document. */
export async function operations(base: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, RawOperation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const components = doc.components?.schemas ?? {};
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      body: resolve(op.requestBody?.content?.["application/json"]?.schema, components),
      responses: Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, r.description ?? ""])),
      permission: op["x-permission"] ?? null,
      security: op.security ?? [],
    })),
  );
}

/** Percent-encodes the UTF-8 bytes of a value; unlike encodeURIComponent it takes lone surrogates (as U+FFFD). */
export const encodeSegment = (value: string) =>
  [...new TextEncoder().encode(value)].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

/** The operation's path with its parameters filled in (by name, else `fallback`); `raw` values go in unencoded. */
export function fillPath(op: Operation, values: Record<string, string>, fallback = "x", raw = false): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? (values[name] ?? fallback) : encodeSegment(values[name] ?? fallback)));
}

export const label = (op: Operation) => `${op.method} ${op.path}`;

/**
 * Routes that need a session, as the document declares them: the session cookie is their only
 * security requirement (an optional session reads `[{}, { sessionCookie: [] }]`).
 */
export const needsSession = (op: Operation) => op.security.length > 0 && op.security.every((requirement) => "sessionCookie" in requirement);
