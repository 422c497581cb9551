import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { HttpProblem, problemResponse } from "@workers-users/shared";

/** The Worker's one error renderer: catalogue problems as they are, bugs as a bare 500. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof HttpProblem) return problemResponse(error);
  // Hono's JSON validator throws a 400 for a body that does not parse.
  if (error instanceof HTTPException && error.status === 400) return problemResponse(new HttpProblem("INVALID_JSON"));
  console.error("unhandled error", error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown");
  return problemResponse(error);
};

export const notFound: NotFoundHandler = () => problemResponse(new HttpProblem("NOT_FOUND"));
