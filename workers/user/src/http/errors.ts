import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { HttpProblem, problemResponse, type ErrorCode } from "@workers-users/shared";
import type * as z from "zod";

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "INVALID_JSON",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/** The Worker's one error renderer: catalogue problems as they are, bugs as a bare 500. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof HttpProblem) return problemResponse(error);
  if (error instanceof HTTPException) {
    const code = BY_STATUS[error.status];
    if (code) return problemResponse(new HttpProblem(code));
  }
  // Storage down (D1, KV, the session Worker): fail closed with a retryable 503.
  if (isStorageError(error)) {
    console.error("storage unavailable", error.name);
    return problemResponse(new HttpProblem("SERVICE_UNAVAILABLE"));
  }
  // A bug: log what went wrong for the operator, answer without internals.
  console.error("unhandled error", `${error.name}: ${error.message}`);
  return problemResponse(error);
};

function isStorageError(error: Error): boolean {
  return /^(D1_|KV |Network connection lost|internal error)/i.test(error.message);
}

export const notFound: NotFoundHandler = () => problemResponse(new HttpProblem("NOT_FOUND"));

type ValidationResult = { success: true } | { success: false; error: z.ZodError };

/** Turns schema failures into 400 VALIDATION_FAILED with one entry per field. */
export function validationHook(result: ValidationResult, _c: Context): void {
  if (result.success) return;
  throw new HttpProblem("VALIDATION_FAILED", {
    errors: result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  });
}
