import { createRoute, z } from "@hono/zod-openapi";
import { HttpProblem, readSessionToken, sessionClient } from "@workers-users/shared";
import { rolesOfUser } from "../../db/roles";
import { findUserByEmail } from "../../db/users";
import { clientMeta } from "../../http/client-meta";
import { setSessionCookie } from "../../http/cookies";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Email, Password, User } from "../../schemas";
import { audit } from "../../users/audit";
import { grantConfiguredAdmin } from "../../users/bootstrap";
import { checkPassword } from "../../users/credentials";
import { toSessionUser } from "../../users/snapshot";
import { assertNotThrottled, loginKey, loginPolicy, recordFailure, recordSuccess } from "../../users/throttle";

const route = createRoute({
  method: "post",
  path: "/login",
  tags: ["auth"],
  summary: "Sign in; sets the session cookie",
  description:
    "After 4 consecutive failures for an address, each further attempt waits 2, 4, 8, 16, 32 s; the 10th locks it for 15 min (doubling, capped at an hour). While it waits, even the right password gets 429 with Retry-After, for unknown addresses exactly as for known ones.",
  middleware: [ipRateLimit("login")] as const,
  request: { body: body(z.object({ email: Email, password: Password })) },
  responses: {
    200: json(z.object({ user: User }), "Signed in; `Set-Cookie: __Host-session=...`"),
    401: problem("INVALID_CREDENTIALS: unknown email and wrong password look the same"),
    403: problem("EMAIL_NOT_VERIFIED or ACCOUNT_DISABLED (only after a correct password)"),
    429: problem("RATE_LIMITED, with Retry-After"),
  },
});

export const login = createRouter().openapi(route, async (c) => {
  const { email, password } = c.req.valid("json");
  const key = loginKey(email);
  await assertNotThrottled(c.env.DB, key);
  const user = await findUserByEmail(c.env.DB, email);
  if (!(await checkPassword(c.env, user, password)) || user === null) {
    await recordFailure(c.env.DB, key, loginPolicy(c.env));
    await audit(c, "auth.login.failed", { actorId: null, target: user?.id ?? null, detail: user ? {} : { email } });
    throw new HttpProblem("INVALID_CREDENTIALS");
  }
  await recordSuccess(c.env.DB, key);
  // Only after a correct password: these answers would otherwise tell which addresses exist.
  if (user.email_verified_at === null) throw new HttpProblem("EMAIL_NOT_VERIFIED");
  if (user.disabled_at !== null) throw new HttpProblem("ACCOUNT_DISABLED");
  await grantConfiguredAdmin(c, user);

  const sessions = sessionClient(c.env.SESSION);
  // A new token on every login: a session id planted before login is worthless after it.
  const previous = readSessionToken(c.req.raw);
  if (previous !== null) await sessions.destroy(previous);
  const snapshot = toSessionUser(user, { roles: await rolesOfUser(c.env.DB, user.id), permissions: [] });
  // The session comes back with the permissions its roles grant, computed as on every read.
  const { token, session } = await sessions.create(snapshot, clientMeta(c));
  setSessionCookie(c, token, session);
  await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail: { sessionId: session.id } });
  return c.json({ user: session.user }, 200);
});
