import { request } from "node:http";
import { expect } from "vitest";

export interface CallOptions {
  /** `__Host-session=...` as a Set-Cookie gave it, or null for none. */
  cookie?: string | null;
  /** Extra headers; a null value removes one the client would send. */
  headers?: Record<string, string | null>;
  /** Sent as JSON unless it is a string, which is sent as it is. */
  body?: unknown;
}

export type Api = (method: string, path: string, options?: CallOptions) => Promise<Response>;

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * One request on a connection of its own, with the path sent exactly as given
 * (fetch would normalise `/a/../b` and `%2e`). A connection per request: workerd
 * answers an early refusal (403, 413, 415) without reading the body and then drops
 * the connection, which would break the next request of a keep-alive pool.
 */
export function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Response> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const received = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) received.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 0;
        const content = NO_BODY.has(status) || method === "HEAD" ? null : Buffer.concat(chunks);
        resolve(new Response(content, { status, headers: received }));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * A client that speaks to one stack the way the site's own pages do: same
 * origin, JSON bodies, the session cookie when given.
 */
export function apiFor(base: string): Api {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (!SAFE.has(method)) headers.origin = base;
    if (options.cookie) headers.cookie = options.cookie;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    return send(base, method, path, headers, body);
  };
}

/** The `__Host-session=value` pair a response sets, or null (none, or a clearing one). */
export function sessionCookie(res: Response): string | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
  const pair = header?.split(";")[0];
  return pair && pair !== "__Host-session=" ? pair : null;
}

/** The `__Host-device=value` pair a response sets, or null. */
export function deviceCookie(res: Response): string | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-device="));
  return header?.split(";")[0] ?? null;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** Reads a problem+json body, failing unless the response is one with a matching status. */
export async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type"), `${res.status}`).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body.status).toBe(res.status);
  return body;
}

/** Asserts the status and the problem code of a response. */
export async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  const problem = await problemOf(res);
  expect(problem.code).toBe(code);
  return problem;
}
