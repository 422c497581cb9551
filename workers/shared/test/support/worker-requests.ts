import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { ProblemBody } from "../../src/errors";

/** The site's origin in the Worker test projects (the user Worker's APP_URL there). */
export const ORIGIN = "http://127.0.0.1:8787";

export interface CallOptions {
  body?: unknown;
  cookie?: string | null;
  headers?: Record<string, string>;
}

/**
 * Calls the test project's main Worker the way a page of the site does: same
 * origin, JSON body. Shared by the user and example Worker tests.
 */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (options.cookie) headers.set("cookie", options.cookie);
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  // The project's main Worker; its type belongs to that project, not to this shared file.
  const main = (exports as unknown as { default: Fetcher }).default;
  return main.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
}

/** The problem+json body of a response, after checking that it is one. */
export async function problemOf(res: Response): Promise<ProblemBody> {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return res.json();
}

/** Headers of state-changing requests every Worker must refuse as cross-site (403). */
export const CROSS_SITE_HEADERS: Array<[Record<string, string>]> = [
  [{ origin: "https://evil.example" }],
  [{ origin: "null" }],
  [{ "sec-fetch-site": "cross-site" }],
  [{ "sec-fetch-site": "same-site" }],
  [{ origin: ORIGIN, "sec-fetch-site": "cross-site" }],
];
