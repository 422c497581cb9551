import { describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../src/errors";
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemBody, problemResponse } from "../src/problem";

describe("problemBody", () => {
  it("carries type, title, status and code from the catalogue", () => {
    expect(problemBody("NOT_FOUND")).toEqual({ type: "/problems/not-found", title: "Not found", status: 404, code: "NOT_FOUND" });
  });

  it("adds detail and field errors only when given", () => {
    const errors = [{ path: "email", message: "Invalid email" }];
    expect(problemBody("VALIDATION_FAILED", "Check the form", errors)).toMatchObject({ detail: "Check the form", errors });
    expect(problemBody("VALIDATION_FAILED", undefined, [])).not.toHaveProperty("errors");
    expect(problemBody("VALIDATION_FAILED")).not.toHaveProperty("detail");
  });
});

describe("HttpProblem", () => {
  it("takes its status from the catalogue and keeps headers such as Retry-After", async () => {
    const problem = new HttpProblem("RATE_LIMITED", { detail: "Try again in 60 s", headers: { "Retry-After": "60" } });
    expect(problem).toBeInstanceOf(Error);
    expect(problem.status).toBe(429);
    expect(problem.message).toBe("Try again in 60 s");
    const response = problemResponse(problem);
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(await response.json()).toEqual({
      type: "/problems/rate-limited",
      title: ERROR_CODES.RATE_LIMITED.title,
      status: 429,
      code: "RATE_LIMITED",
      detail: "Try again in 60 s",
    });
  });

  it("falls back to the catalogue title as its message", () => {
    expect(new HttpProblem("FORBIDDEN").message).toBe(ERROR_CODES.FORBIDDEN.title);
  });
});

describe("problemResponse", () => {
  it("answers application/problem+json, not cacheable, with the catalogue status", async () => {
    const response = problemResponse(new HttpProblem("UNAUTHENTICATED"));
    expect(response.status).toBe(401);
    expect(response.headers.get("Content-Type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(PROBLEM_CONTENT_TYPE).toBe("application/problem+json");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("does not let a problem's headers override the content type", () => {
    const problem = new HttpProblem("CONFLICT", { headers: { "Content-Type": "text/html" } });
    expect(problemResponse(problem).headers.get("Content-Type")).toBe(PROBLEM_CONTENT_TYPE);
  });

  it.each([
    ["an Error", new Error("D1_ERROR: no such column: password_hash at users.ts:42")],
    ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'secret-key-123')")],
    ["a string", "token=abc123 leaked"],
    ["undefined", undefined],
  ])("turns %s into a generic 500 that echoes nothing", async (_, thrown) => {
    const response = problemResponse(thrown);
    expect(response.status).toBe(500);
    const raw = await response.text();
    expect(JSON.parse(raw)).toEqual({
      type: "/problems/internal-error",
      title: ERROR_CODES.INTERNAL_ERROR.title,
      status: 500,
      code: "INTERNAL_ERROR",
    });
    for (const secret of ["D1_ERROR", "password_hash", "secret-key-123", "abc123", "users.ts"]) expect(raw).not.toContain(secret);
  });
});

describe("ERROR_CODES", () => {
  const entries = Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][];

  it.each(entries)("%s is UPPER_SNAKE with a 4xx/5xx status and a title", (code, { status, title }) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(Number.isInteger(status)).toBe(true);
    expect(title.length).toBeGreaterThan(0);
    expect(problemResponse(new HttpProblem(code)).status).toBe(status);
  });

  it("gives each code its own problem type", () => {
    const types = entries.map(([code]) => problemBody(code).type);
    expect(new Set(types).size).toBe(entries.length);
  });
});
