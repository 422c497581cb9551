import { hasPermission } from "./permissions";
import { HttpProblem } from "./problem";
import { sessionClient } from "./session-client";
import { SESSION_COOKIE, type Session } from "./session-contract";

// Tokens are 32 random bytes in base64url (43 characters); anything else cannot
// be a session and is refused before it costs an RPC call.
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The session token of a request's `__Host-session` cookie, or null when there
 * is none or it cannot be a token. The first cookie of that name wins.
 *
 * @example
 * const token = readSessionToken(request); // "3q2-7w..." or null
 */
export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (header === null) return null;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : null;
  }
  return null;
}

export interface LoadSessionOptions {
  /**
   * Also confirm the session in D1 (strongly consistent), closing the window in
   * which a session revoked elsewhere is still in this location's KV. Costs a
   * D1 read: use it for sensitive operations.
   */
  strict?: boolean;
}

/**
 * Loads the session of a request's cookie over the session Worker's service
 * binding: null when there is no cookie or no live session. A failing binding
 * throws `HttpProblem("SERVICE_UNAVAILABLE")` (503), so a caller that renders
 * thrown errors with `problemResponse` fails closed.
 *
 * @example
 * const session = await loadSession(request, env.SESSION);
 * if (session) console.log(session.user.email);
 */
export async function loadSession(request: Request, binding: unknown, options: LoadSessionOptions = {}): Promise<Session | null> {
  if (binding === undefined || binding === null) throw new TypeError("loadSession: the session service binding is missing");
  const token = readSessionToken(request);
  return token === null ? null : loadSessionOfToken(token, binding, options);
}

/**
 * `loadSession` for a token already read from the cookie (a Worker that also
 * needs the token itself, to rotate or destroy the session).
 *
 * @example
 * const token = readSessionToken(request);
 * const session = token && (await loadSessionOfToken(token, env.SESSION, { strict: true }));
 */
export async function loadSessionOfToken(token: string, binding: unknown, options: LoadSessionOptions = {}): Promise<Session | null> {
  const sessions = sessionClient(binding);
  try {
    return options.strict ? await sessions.getStrict(token) : await sessions.get(token);
  } catch (error) {
    // The operator needs to know the session store is failing; the token is never logged.
    console.error("session lookup failed", error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown");
    throw new HttpProblem("SERVICE_UNAVAILABLE");
  }
}

/** What `authorize` found: a session allowed to act, or why not. */
export type AuthorizeResult = { type: "ok"; session: Session } | { type: "unauthenticated" } | { type: "forbidden" };

/**
 * Loads the session and checks one permission, for Workers that do not use Hono.
 * Expected outcomes come back as a union; a failing binding throws a 503
 * `HttpProblem` like `loadSession`.
 *
 * @example
 * export default {
 *   async fetch(request, env) {
 *     try {
 *       const auth = await authorize(request, env.SESSION, "notes:read");
 *       if (auth.type === "unauthenticated") return problemResponse(new HttpProblem("UNAUTHENTICATED"));
 *       if (auth.type === "forbidden") return problemResponse(new HttpProblem("FORBIDDEN"));
 *       return Response.json({ hello: auth.session.user.name });
 *     } catch (error) {
 *       return problemResponse(error); // 503 when the session Worker is unreachable
 *     }
 *   },
 * } satisfies ExportedHandler<Env>;
 */
export async function authorize(
  request: Request,
  binding: unknown,
  permission: string,
  options: LoadSessionOptions = {},
): Promise<AuthorizeResult> {
  const session = await loadSession(request, binding, options);
  if (session === null) return { type: "unauthenticated" };
  if (!hasPermission(session.user.permissions, permission)) return { type: "forbidden" };
  return { type: "ok", session };
}
