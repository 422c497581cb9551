import { ERROR_CODES, type ErrorCode, type FieldError, type ProblemBody } from "./errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * An HTTP failure thrown at a route's edge; the Worker's `onError` renders it.
 *
 * @example
 * if (!session) throw new HttpProblem("UNAUTHENTICATED");
 * throw new HttpProblem("RATE_LIMITED", { detail: "Try again in 60 s", headers: { "Retry-After": "60" } });
 */
export class HttpProblem extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(options.detail ?? ERROR_CODES[code].title);
    this.name = "HttpProblem";
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/**
 * Builds the problem+json body for a catalogue code.
 *
 * @example
 * problemBody("NOT_FOUND") // { type: "/problems/not-found", title: "Not found", status: 404, code: "NOT_FOUND" }
 */
export function problemBody(code: ErrorCode, detail?: string, errors?: FieldError[]): ProblemBody {
  const { status, title } = ERROR_CODES[code];
  const body: ProblemBody = { type: `/problems/${code.toLowerCase().replaceAll("_", "-")}`, title, status, code };
  if (detail !== undefined) body.detail = detail;
  if (errors !== undefined && errors.length > 0) body.errors = errors;
  return body;
}

/**
 * A problem+json `Response`. Bugs become `problemResponse(new Error(...))`: a
 * generic 500 that never echoes the error's message.
 *
 * @example
 * return problemResponse(new HttpProblem("FORBIDDEN"));
 */
export function problemResponse(error: unknown): Response {
  const problem = error instanceof HttpProblem ? error : new HttpProblem("INTERNAL_ERROR");
  const body = problemBody(problem.code, problem.detail, problem.errors);
  const headers = new Headers(problem.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status: problem.status, headers });
}
