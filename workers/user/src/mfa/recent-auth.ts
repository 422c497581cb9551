import type { Context, MiddlewareHandler } from "hono";
import { HttpProblem, nowSeconds, sessionClient, type Session } from "@workers-users/shared";
import type { AppEnv } from "../types";
import { currentSession } from "../middleware/session";

/**
 * How recent a proof of a credential sensitive actions need (admin writes, password and email
 * change, second-factor changes, account deletion): 10 minutes, long enough to finish what one
 * started, short enough that a session left open or stolen cannot do them later.
 */
export const RECENT_AUTH_SECONDS = 10 * 60;

/**
 * 401 REAUTH_REQUIRED unless the session's user proved a credential within RECENT_AUTH_SECONDS.
 * Runs after `requireSession({ strict: true })`, which read `authenticatedAt` from D1: a
 * location's KV cannot make an old session look fresh.
 */
export function requireRecentAuth(): MiddlewareHandler<AppEnv> {
  return async function requireRecentAuth(c, next) {
    if (nowSeconds() - currentSession(c).authenticatedAt > RECENT_AUTH_SECONDS) {
      throw new HttpProblem("REAUTH_REQUIRED", { detail: "This needs a recent sign-in: confirm your password or a code, then try again." });
    }
    await next();
  };
}

/**
 * The session's user has just proven a credential again (a password, a code, a passkey): the
 * session counts as freshly authenticated, in D1 and KV. Returns it as it is now.
 */
export async function markReauthenticated(c: Context<AppEnv>, session: Session): Promise<Session> {
  const token = c.get("sessionToken");
  const updated = token === null ? null : await sessionClient(c.env.SESSION).reauthenticate(token);
  if (updated === null || updated.id !== session.id) throw new HttpProblem("UNAUTHENTICATED");
  c.set("session", updated);
  return updated;
}
