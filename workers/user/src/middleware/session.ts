import type { MiddlewareHandler } from "hono";
import { HttpProblem, loadSessionOfToken, readSessionToken, type Session } from "@workers-users/shared";
import type { AppEnv } from "../types";

/**
 * Every handler `requireSession` made: the OpenAPI document reads a route's middleware
 * against it to declare the session cookie, so no route can require a session and forget to say so.
 */
export const sessionGuards = new WeakSet<MiddlewareHandler<AppEnv>>();

/**
 * Loads the session of the request's cookie, the way every Worker does
 * (`loadSessionOfToken` in workers/shared), and refuses anonymous requests.
 * `strict` also confirms it in D1, closing the window in which a revoked
 * session is still visible in another location's KV: sensitive routes use it.
 * Storage errors fail closed (503).
 */
export function requireSession(options: { strict?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const handler: MiddlewareHandler<AppEnv> = async function requireSession(c, next) {
    const token = readSessionToken(c.req.raw);
    if (token === null) throw new HttpProblem("UNAUTHENTICATED");
    const session = await loadSessionOfToken(token, c.env.SESSION, options);
    if (session === null) throw new HttpProblem("UNAUTHENTICATED");
    c.set("session", session);
    c.set("sessionToken", token);
    await next();
  };
  sessionGuards.add(handler);
  return handler;
}

/** The session a `requireSession` route runs with. */
export function currentSession(c: { get(key: "session"): Session | null }): Session {
  const session = c.get("session");
  if (!session) throw new Error("route is missing requireSession()");
  return session;
}
