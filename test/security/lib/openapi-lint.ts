import { createConfig, lintFromString } from "@redocly/openapi-core";

export interface LintProblem {
  rule: string;
  severity: string;
  /** JSON pointer into the document, e.g. `#/paths/~1api~1health/get/responses`. */
  where: string;
  message: string;
}

/**
 * Redocly's `recommended` ruleset over an OpenAPI document, in process (the engine
 * `redocly lint` runs; a spawned CLI would cost seconds). Errors and warnings alike.
 */
export async function lintOpenApi(text: string): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: text, absoluteRef: "openapi.json", config });
  return problems.map((p) => ({ rule: p.ruleId, severity: p.severity, where: p.location[0]?.pointer ?? "#", message: p.message }));
}

/** `#/paths/~1api~1health/get/responses` → `GET /api/health responses`, so a failure names the route. */
export function readablePointer(pointer: string): string {
  const match = /^#\/paths\/([^/]+)\/(\w+)(\/.*)?$/.exec(pointer);
  if (!match) return pointer;
  const path = match[1]!.replaceAll("~1", "/").replaceAll("~0", "~");
  return `${match[2]!.toUpperCase()} ${path}${match[3] ? ` ${match[3].slice(1)}` : ""}`;
}
