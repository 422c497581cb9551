import type { ProblemBody } from "@workers-users/shared";
import { askToReauthenticate } from "./mfa/reauth-dialog";

/** What every call to the API comes back as: data, or the problem the server described. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem: ProblemBody; retryAfter: number | null };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const TRANSIENT = new Set([502, 503, 504]);
const RETRY_AFTER_MS = 400;

async function retryLater(path: string, init: RequestInit): Promise<Response> {
  await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
  return fetch(path, init);
}

/**
 * Calls the API on this origin. Never throws: a network failure or a body that is not
 * problem+json becomes a problem too, so every caller handles one shape. An action that
 * needs a recent sign-in (401 REAUTH_REQUIRED) asks the user to confirm it is them, and is
 * sent once more when they did.
 */
export async function api<T = undefined>(method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  const result = await send<T>(method, path, body);
  if (result.ok || result.problem.code !== "REAUTH_REQUIRED" || !(await askToReauthenticate())) return result;
  return send<T>(method, path, body);
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(path, init);
    // A GET changes nothing: one more try after a gateway's 502/503/504 (a redeploy, a cold start).
    if (method === "GET" && TRANSIENT.has(response.status)) response = await retryLater(path, init);
  } catch {
    try {
      if (method !== "GET") throw new Error("not retried");
      response = await retryLater(path, init);
    } catch {
      return { ok: false, status: 0, problem: offline(), retryAfter: null };
    }
  }
  if (response.ok) {
    const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    return { ok: true, status: response.status, data: data as T };
  }
  return {
    ok: false,
    status: response.status,
    problem: await readProblem(response),
    retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
  };
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) return body;
  const code = response.status === 404 ? "NOT_FOUND" : response.status >= 500 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR";
  return { type: "about:blank", title: `The server answered ${response.status}`, status: response.status, code };
}

function isProblem(body: unknown): body is ProblemBody {
  return typeof body === "object" && body !== null && typeof (body as ProblemBody).code === "string"
    && typeof (body as ProblemBody).title === "string";
}

function offline(): ProblemBody {
  return { type: "about:blank", title: "The server could not be reached. Check your connection and try again.", status: 0, code: "SERVICE_UNAVAILABLE" };
}

/** Retry-After is either seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The sentence to show for a failed call. */
export function problemMessage(result: { problem: ProblemBody; retryAfter: number | null }): string {
  const { problem, retryAfter } = result;
  if (problem.code === "RATE_LIMITED" && retryAfter !== null) {
    return `Too many attempts. Try again in ${retryAfter} s.`;
  }
  return problem.detail ?? problem.title;
}
