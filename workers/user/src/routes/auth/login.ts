import * as z from "zod";
import { createRoute } from "../../openapi";
import { HttpProblem } from "@workers-users/shared";
import { findUserByEmail } from "../../db/users";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Email, Password, User } from "../../schemas";
import { audit } from "../../users/audit";
import { grantConfiguredAdmin } from "../../users/bootstrap";
import { checkPassword } from "../../users/credentials";
import { afterFirstFactor } from "../../mfa/gate";
import { provePassword } from "../../users/throttle";

const route = createRoute({
  method: "post",
  operationId: "login",
  path: "/login",
  tags: ["auth"],
  summary: "Sign in; sets the session cookie, or asks for the second factor",
  description:
    "After 4 consecutive failures for an address, each further attempt waits 2, 4, 8, 16, 32 s; the 10th locks it for 15 min (doubling, capped at an hour). While it waits, even the right password gets 429 with Retry-After, for unknown addresses exactly as for known ones. A browser that has signed in to the account before (its `__Host-device` cookie) has a failure budget of its own: failures from elsewhere never lock it out.",
  middleware: [ipRateLimit("login")] as const,
  request: { body: body(z.object({ email: Email, password: Password })) },
  responses: {
    200: json(
      z.union([z.object({ user: User }), z.object({ mfaRequired: z.literal(true), methods: z.array(z.string()) })]),
      "Signed in (`Set-Cookie: __Host-session=...`); or, for an account with a second factor, `{mfaRequired, methods}` and only the 5-minute `__Host-mfa` cookie: POST /api/auth/mfa/verify completes it",
    ),
    401: problem("INVALID_CREDENTIALS: unknown email and wrong password look the same"),
    403: problem("EMAIL_NOT_VERIFIED or ACCOUNT_DISABLED (only after a correct password)"),
    429: problem("RATE_LIMITED, with Retry-After"),
  },
});

export const login = createRouter().openapi(route, async (c) => {
  const { email, password } = c.req.valid("json");
  const found = await findUserByEmail(c.env.DB, email);
  const device = await provePassword(
    c,
    { user: found, email },
    async () => (await checkPassword(c.env, found, password)) && found !== null,
    // An address without an account is not kept: often someone's mistyped address, it is no one's here.
    () => audit(c, "auth.login.failed", { actorId: null, target: found?.id ?? null }),
  );
  // provePassword answered 401 unless the check passed, which needs a user.
  const user = found!;
  // Only after a correct password: these answers would otherwise tell which addresses exist.
  if (user.email_verified_at === null) throw new HttpProblem("EMAIL_NOT_VERIFIED");
  if (user.disabled_at !== null) throw new HttpProblem("ACCOUNT_DISABLED");
  await grantConfiguredAdmin(c, user);
  // The epoch read above, before the password was checked: a change that landed since wins.
  const outcome = await afterFirstFactor(c, user, { device, via: "password" });
  if (outcome.type === "stale") throw new HttpProblem("INVALID_CREDENTIALS");
  if (outcome.type === "mfa_required") {
    await audit(c, "auth.mfa.challenged", { actorId: null, target: user.id });
    return c.json({ mfaRequired: true as const, methods: outcome.methods }, 200);
  }
  await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail: { sessionId: outcome.session.id } });
  return c.json({ user: outcome.session.user }, 200);
});
