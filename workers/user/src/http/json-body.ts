import type { MiddlewareHandler } from "hono";
import { HttpProblem } from "@workers-users/shared";

export const JSON_MAX_DEPTH = 32;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    max = Math.max(max, depth);
    if (max > JSON_MAX_DEPTH) return max;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Bodies are JSON or nothing: a form or text/plain post gets 415 (such requests
 * are what cross-site forms can send), unparsable JSON and JSON nested deeper
 * than JSON_MAX_DEPTH get 400. The parsed text stays cached for the validators.
 */
export function jsonBody(): MiddlewareHandler {
  return async function jsonBody(c, next) {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const type = c.req.header("content-type");
    if (type !== undefined && !JSON_TYPE.test(type)) throw new HttpProblem("UNSUPPORTED_MEDIA_TYPE");
    const text = await c.req.text();
    if (text.length === 0) return next();
    if (type === undefined) throw new HttpProblem("UNSUPPORTED_MEDIA_TYPE");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpProblem("INVALID_JSON");
    }
    if (depthOf(parsed) > JSON_MAX_DEPTH) {
      throw new HttpProblem("INVALID_JSON", { detail: `JSON nested deeper than ${JSON_MAX_DEPTH} levels` });
    }
    await next();
  };
}
