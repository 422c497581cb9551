import { createRoute, z } from "@hono/zod-openapi";
import { HttpProblem, sessionClient } from "@workers-users/shared";
import { findUserByEmail } from "../../db/users";
import { clientMeta } from "../../http/client-meta";
import { readSessionToken, setSessionCookie } from "../../http/cookies";
import { createRouter } from "../../router";
import { body, json, problem, Email, Password, User } from "../../schemas";
import { checkPassword } from "../../users/credentials";
import { toSessionUser } from "../../users/snapshot";

const route = createRoute({
  method: "post",
  path: "/login",
  tags: ["auth"],
  summary: "Sign in; sets the session cookie",
  request: { body: body(z.object({ email: Email, password: Password })) },
  responses: {
    200: json(z.object({ user: User }), "Signed in; `Set-Cookie: __Host-session=...`"),
    401: problem("INVALID_CREDENTIALS: unknown email and wrong password look the same"),
    403: problem("EMAIL_NOT_VERIFIED (only after a correct password)"),
    429: problem("RATE_LIMITED, with Retry-After"),
  },
});

export const login = createRouter().openapi(route, async (c) => {
  const { email, password } = c.req.valid("json");
  const user = await findUserByEmail(c.env.DB, email);
  if (!(await checkPassword(c.env, user, password)) || user === null) throw new HttpProblem("INVALID_CREDENTIALS");
  if (user.email_verified_at === null) throw new HttpProblem("EMAIL_NOT_VERIFIED");

  const sessions = sessionClient(c.env.SESSION);
  // A new token on every login: a session id planted before login is worthless after it.
  const previous = readSessionToken(c);
  if (previous !== null) await sessions.destroy(previous);
  const snapshot = toSessionUser(user);
  const { token, session } = await sessions.create(snapshot, clientMeta(c));
  setSessionCookie(c, token, session);
  return c.json({ user: snapshot }, 200);
});
