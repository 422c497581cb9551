import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem } from "@workers-users/shared";
import { findUserById } from "../db/users";
import { ipRateLimit } from "../http/ip-rate-limit";
import { currentSession, requireSession } from "../middleware/session";
import { createRouter } from "../router";
import { body, json, problem, Password, User } from "../schemas";
import { audit } from "../users/audit";
import { checkPassword } from "../users/credentials";
import { trustedDevice } from "../users/devices";
import { signIn } from "../users/sign-in";
import { provePassword, proveSecondFactor } from "../users/throttle";
import { countWrongCode, endPending, findPending, takePending } from "./pending";
import { markReauthenticated } from "./recent-auth";
import { CredentialResponse } from "../passkeys/schemas";
import { checkSecondFactor, factorOf, refusalOf, type FactorCheck } from "./second-factor";

const Code = z.string().max(16).meta({ example: "123456" });
const RecoveryCode = z.string().max(64).meta({ example: "ABCD-EFGH-JKMN" });

const verifyRoute = createRoute({
  method: "post",
  path: "/mfa/verify",
  operationId: "verifySecondFactor",
  tags: ["auth"],
  summary: "The second step of a sign-in: a code from the authenticator app, a recovery code, or a passkey",
  description:
    "Needs the `__Host-mfa` cookie the first step set (5 min). Completes the sign-in it started: the session cookie, the pending cookie cleared. A code is accepted once; `passkey` is the browser's answer to `POST /api/auth/mfa/passkey/options`, and only the pending account's passkeys count. Failures are throttled per account like passwords, and 5 wrong answers end the pending sign-in.",
  middleware: [ipRateLimit("login")] as const,
  request: { body: body(z.object({ code: Code.optional(), recoveryCode: RecoveryCode.optional(), passkey: CredentialResponse.optional() })) },
  responses: {
    200: json(z.object({ user: User, returnTo: z.string().nullable() }), "Signed in; `Set-Cookie: __Host-session=...`"),
    400: problem("VALIDATION_FAILED: no code, recovery code or passkey; PASSKEY_CHALLENGE_INVALID: the passkey answers no challenge of this browser (used, expired)"),
    401: problem("INVALID_MFA_CODE, PASSKEY_NOT_ACCEPTED, or SIGN_IN_EXPIRED when no sign-in waits (expired, out of attempts, or never begun)"),
    429: problem("RATE_LIMITED, with Retry-After"),
    503: problem("MFA_UNAVAILABLE: the server's encryption key is missing"),
  },
});

const reauthRoute = createRoute({
  method: "post",
  path: "/reauthenticate",
  operationId: "reauthenticate",
  tags: ["auth"],
  summary: "Prove it is you again: sensitive actions need a proof within the last 10 minutes",
  description:
    "With `{password}`, `{code}` (TOTP), `{recoveryCode}` or `{passkey}` (the answer to `POST /api/auth/reauthenticate/passkey/options`), throttled like a sign-in. An account without a password signs in again with its provider instead.",
  middleware: [ipRateLimit("login"), requireSession({ strict: true })] as const,
  request: { body: body(z.object({ password: Password.optional(), code: Code.optional(), recoveryCode: RecoveryCode.optional(), passkey: CredentialResponse.optional() })) },
  responses: {
    200: json(z.object({ authenticatedAt: z.number().int() }), "The session counts as freshly authenticated"),
    400: problem("VALIDATION_FAILED: no credential; PASSKEY_CHALLENGE_INVALID"),
    401: problem("UNAUTHENTICATED, INVALID_CREDENTIALS, INVALID_MFA_CODE or PASSKEY_NOT_ACCEPTED"),
    429: problem("RATE_LIMITED, with Retry-After"),
    503: problem("MFA_UNAVAILABLE"),
  },
});

const noCredential = (fields: string) =>
  new HttpProblem("VALIDATION_FAILED", { detail: `Send ${fields}.`, errors: [{ path: "", message: `Send ${fields}.` }] });

export const mfaAuth = createRouter()
  .openapi(verifyRoute, async (c) => {
    const factor = factorOf(c.req.valid("json"));
    if (factor === null) throw noCredential("a code, a recovery code or a passkey");
    const pending = await findPending(c);
    if (pending === null) {
      await endPending(c, null);
      throw new HttpProblem("SIGN_IN_EXPIRED");
    }
    let checked = { ok: false, reason: null } as FactorCheck;
    const check = async () => (checked = await checkSecondFactor(c, pending.userId, factor)).ok;
    await proveSecondFactor(c, pending, check, async () => {
      const left = await countWrongCode(c.env.DB, pending.tokenHash);
      const reason = !checked.ok && checked.reason !== null ? { reason: checked.reason } : {};
      await audit(c, "auth.mfa.failed", { actorId: null, target: pending.userId, detail: { method: factor.type, attemptsLeft: left, ...reason } });
    }, refusalOf(factor));
    const user = await findUserById(c.env.DB, pending.userId);
    // Taken once: of two completions racing, one signs in.
    const taken = await takePending(c.env.DB, pending.tokenHash);
    await endPending(c, null);
    if (!taken || user === null) throw new HttpProblem("SIGN_IN_EXPIRED");
    // The epoch read before the first credential was checked: a change that landed since wins.
    const session = await signIn(c, { ...user, credential_epoch: pending.epoch }, { device: pending.device });
    if (session === null) throw new HttpProblem("SIGN_IN_EXPIRED");
    if (factor.type === "recovery_code") await audit(c, "mfa.recovery_code.used", { actorId: user.id, target: user.id });
    const passkey = checked.ok && checked.passkeyId !== null ? { passkeyId: checked.passkeyId } : {};
    const detail = { sessionId: session.id, secondFactor: factor.type, ...passkey, ...(pending.via === "password" ? {} : { provider: pending.via }) };
    await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail });
    return c.json({ user: session.user, returnTo: pending.returnTo }, 200);
  })
  .openapi(reauthRoute, async (c) => {
    const session = currentSession(c);
    const { password, ...codes } = c.req.valid("json");
    const user = await findUserById(c.env.DB, session.userId);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    const factor = factorOf(codes);
    if (password !== undefined) {
      await provePassword(c, { user, email: user.email }, () => checkPassword(c.env, user, password));
    } else if (factor !== null) {
      const device = await trustedDevice(c, user.id);
      const check = async () => (await checkSecondFactor(c, user.id, factor)).ok;
      await proveSecondFactor(c, { userId: user.id, device }, check, undefined, refusalOf(factor));
    } else {
      throw noCredential("your password, a code, a recovery code or a passkey");
    }
    const updated = await markReauthenticated(c, session);
    await audit(c, "auth.reauthenticated", { target: user.id, detail: { method: password !== undefined ? "password" : factor!.type } });
    return c.json({ authenticatedAt: updated.authenticatedAt }, 200);
  });
