import * as z from "zod";
import { HttpProblem } from "@workers-users/shared";
import { ipRateLimit } from "../http/ip-rate-limit";
import { createRoute } from "../openapi";
import { createRouter } from "../router";
import { body, json, problem, User } from "../schemas";
import { audit } from "../users/audit";
import { grantConfiguredAdmin } from "../users/bootstrap";
import { signIn } from "../users/sign-in";
import { assertSignInAllowed } from "../users/throttle";
import { CeremonyOptions, CredentialResponse } from "./schemas";
import { assertionOptions, verifyPasskeyAssertion } from "./verify-assertion";

const optionsRoute = createRoute({
  method: "post",
  path: "/options",
  operationId: "passkeySignInOptions",
  tags: ["auth"],
  summary: "Options for navigator.credentials.get (usernameless: no address asked); the challenge is bound to this browser for 5 minutes",
  middleware: [ipRateLimit("login")] as const,
  responses: { 200: json(z.object({ options: CeremonyOptions }), "Authentication options"), 429: problem("RATE_LIMITED, with Retry-After") },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/verify",
  operationId: "passkeySignIn",
  tags: ["auth"],
  summary: "Sign in with a passkey: the browser's answer to the options; sets the session cookie",
  // The same per-IP budget as the password login: one scope for every way of signing in.
  middleware: [ipRateLimit("login")] as const,
  request: { body: body(z.object({ response: CredentialResponse })) },
  responses: {
    200: json(z.object({ user: User }), "Signed in; `Set-Cookie: __Host-session=...`"),
    400: problem("VALIDATION_FAILED, or PASSKEY_CHALLENGE_INVALID: no challenge of this browser, used or expired"),
    401: problem("PASSKEY_NOT_ACCEPTED: unknown passkey, or origin, RP ID, signature, user verification or counter refused"),
    403: problem("EMAIL_NOT_VERIFIED or ACCOUNT_DISABLED (only after a valid passkey)"),
    429: problem("RATE_LIMITED, with Retry-After"),
  },
});

export const passkeySignIn = createRouter()
  .openapi(optionsRoute, async (c) => {
    return c.json({ options: await assertionOptions(c, null) }, 200);
  })
  .openapi(verifyRoute, async (c) => {
    const outcome = await verifyPasskeyAssertion(c, c.req.valid("json").response);
    if (outcome.type === "challenge_invalid") throw new HttpProblem("PASSKEY_CHALLENGE_INVALID");
    if (outcome.type !== "verified") {
      const reason = outcome.type === "invalid" ? outcome.reason : "unknown passkey";
      await audit(c, "auth.login.failed", { actorId: null, target: outcome.userId, detail: { method: "passkey", reason } });
      throw new HttpProblem("PASSKEY_NOT_ACCEPTED");
    }
    const { user, passkey } = outcome;
    // As after a correct password: only a valid passkey learns the account's state.
    if (user.email_verified_at === null) throw new HttpProblem("EMAIL_NOT_VERIFIED");
    if (user.disabled_at !== null) throw new HttpProblem("ACCOUNT_DISABLED");
    const device = await assertSignInAllowed(c, user);
    await grantConfiguredAdmin(c, user);
    // The epoch read before the verification: a password change or disable that landed since wins.
    const session = await signIn(c, user, { device });
    if (session === null) throw new HttpProblem("PASSKEY_NOT_ACCEPTED");
    await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail: { sessionId: session.id, method: "passkey", passkeyId: passkey.id } });
    return c.json({ user: session.user }, 200);
  });
