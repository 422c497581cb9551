import { validator } from "hono/validator";
import type { z } from "zod";
import { HttpProblem, problemResponse } from "@workers-users/shared";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Validates a JSON body against a zod schema: 415 when the body is not JSON
 * (what a cross-site form could send), 400 INVALID_JSON when it does not parse
 * (thrown by Hono, rendered by onError), 400 VALIDATION_FAILED with one entry
 * per field otherwise. Unknown fields are stripped, never applied.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return validator("json", (value, c): z.output<S> | Response => {
    if (!JSON_TYPE.test(c.req.header("content-type") ?? "")) return problemResponse(new HttpProblem("UNSUPPORTED_MEDIA_TYPE"));
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const errors = result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
    return problemResponse(new HttpProblem("VALIDATION_FAILED", { errors }));
  });
}
