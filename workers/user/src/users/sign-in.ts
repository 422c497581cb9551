import type { Context } from "hono";
import { readSessionToken, sessionClient, type Session, type SessionData } from "@workers-users/shared";
import { setUserLocale, type UserRow } from "../db/users";
import { clientMeta } from "../http/client-meta";
import { requestLocale } from "../i18n";
import { setSessionCookie } from "../http/cookies";
import type { AppEnv } from "../types";
import { trustDevice } from "./devices";

/**
 * Signs this browser in as a user who has just proven a credential: a new token
 * (a session planted before is worthless after it), the cookie, and the browser
 * trusted for the user. `user.credential_epoch` must be the one read before the
 * credential was checked: when it has moved since (a password change, reset or
 * disable won the race), there is no session and the answer is null.
 */
export async function signIn(
  c: Context<AppEnv>,
  user: UserRow,
  options: { device?: string | null; data?: SessionData } = {},
): Promise<Session | null> {
  const sessions = sessionClient(c.env.SESSION);
  const previous = readSessionToken(c.req.raw);
  if (previous !== null) await sessions.destroy(previous);
  const created = await sessions.create({ userId: user.id, epoch: user.credential_epoch }, clientMeta(c), options.data);
  if (created.type === "stale") return null;
  setSessionCookie(c, created.token, created.session);
  await trustDevice(c, user.id, options.device ?? null);
  // The language mail they do not ask for (an admin's) will be written in.
  await setUserLocale(c.env.DB, user.id, requestLocale(c));
  return created.session;
}
