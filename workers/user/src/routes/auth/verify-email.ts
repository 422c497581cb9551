import * as z from "zod";
import { createRoute } from "../../openapi";
import { HttpProblem, nowSeconds, sha256 } from "@workers-users/shared";
import { peekToken, verifyWithToken } from "../../db/email-tokens";
import { findUserById } from "../../db/users";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Password, Token, User } from "../../schemas";
import { audit } from "../../users/audit";
import { grantConfiguredAdmin } from "../../users/bootstrap";
import { checkPassword } from "../../users/credentials";
import { signIn } from "../../users/sign-in";
import { provePassword } from "../../users/throttle";

const route = createRoute({
  method: "post",
  operationId: "verifyEmail",
  path: "/verify-email",
  tags: ["auth"],
  summary: "Confirm an email address with the emailed token and the account's password; signs this browser in",
  description:
    "The link proves the mailbox, the password proves the registrant: both are needed. A wrong or missing password verifies nothing, leaves the link usable and counts as a failed login of the account.",
  middleware: [ipRateLimit("verify")] as const,
  request: { body: body(z.object({ token: Token, password: Password.optional() })) },
  responses: {
    200: json(
      z.object({ status: z.literal("verified"), user: User.optional() }),
      "The address is verified and, with `user`, this browser is signed in (`Set-Cookie: __Host-session=...`)",
    ),
    400: problem("INVALID_TOKEN: unknown, used or expired"),
    401: problem("INVALID_CREDENTIALS: a wrong or missing password; the link stays usable"),
    403: problem("ACCOUNT_DISABLED (only after a correct password)"),
    429: problem("RATE_LIMITED, with Retry-After: the account's login throttle"),
  },
});

export const verifyEmail = createRouter().openapi(route, async (c) => {
  const { token, password } = c.req.valid("json");
  const tokenHash = await sha256(token);
  const userId = await peekToken(c.env.DB, "email_verifications", tokenHash, nowSeconds());
  const user = userId === null ? null : await findUserById(c.env.DB, userId);
  if (user === null) throw new HttpProblem("INVALID_TOKEN");
  const device = await provePassword(
    c,
    { user, email: user.email },
    async () => password !== undefined && (await checkPassword(c.env, user, password)),
    () => audit(c, "auth.login.failed", { actorId: null, target: user.id, detail: { via: "verify-email" } }),
  );
  if (user.disabled_at !== null) throw new HttpProblem("ACCOUNT_DISABLED");
  const now = nowSeconds();
  // Spent only together with the proof, and only if the password has not changed since it was checked.
  if (!(await verifyWithToken(c.env.DB, user.id, tokenHash, user.credential_epoch, now))) throw new HttpProblem("INVALID_TOKEN");
  const verified = { ...user, email_verified_at: user.email_verified_at ?? now };
  await grantConfiguredAdmin(c, verified);
  await audit(c, "email.verified", { actorId: user.id, target: user.id });
  const session = await signIn(c, verified, { device });
  if (session === null) return c.json({ status: "verified" as const }, 200);
  await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail: { sessionId: session.id, via: "verify-email" } });
  return c.json({ status: "verified" as const, user: session.user }, 200);
});
