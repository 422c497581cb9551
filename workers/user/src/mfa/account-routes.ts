import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem, nowSeconds } from "@workers-users/shared";
import { getConfig } from "../config";
import { findUserById, type UserRow } from "../db/users";
import { defer } from "../http/deferred";
import { ipRateLimit } from "../http/ip-rate-limit";
import { sendMfaChanged } from "../users/email-links";
import { requirePermission } from "../middleware/permission";
import { currentSession, requireSession } from "../middleware/session";
import { createRouter } from "../router";
import { body, json, problem, Password } from "../schemas";
import type { AppEnv } from "../types";
import type { Context } from "hono";
import { audit } from "../users/audit";
import { checkPassword } from "../users/credentials";
import { provePassword, proveSecondFactor } from "../users/throttle";
import { mfaMethods } from "./gate";
import { seal, unseal } from "./key";
import { requireRecentAuth } from "./recent-auth";
import { issueRecoveryCodes } from "./recovery-codes";
import { checkSecondFactor, factorOf } from "./second-factor";
import { acceptStep, findTotp, mfaStatuses, removeMfa, saveEnrolment } from "./store";
import { enrolment, matchingStep, newTotpSecret } from "./totp";

const sensitive = [requireSession({ strict: true }), requirePermission("account:write"), requireRecentAuth()] as const;
const reauth = problem("UNAUTHENTICATED, or REAUTH_REQUIRED when the last proof of a credential is over 10 minutes old");
const RecoveryCodes = json(z.object({ recoveryCodes: z.array(z.string()) }), "10 recovery codes, shown this once");

const statusRoute = createRoute({
  method: "get",
  path: "/mfa",
  operationId: "getMfaStatus",
  tags: ["account"],
  summary: "This account's second factors",
  middleware: [requireSession({ strict: true }), requirePermission("account:read")] as const,
  responses: {
    200: json(z.object({ totp: z.boolean(), recoveryCodesLeft: z.number().int(), passkeys: z.number().int(), methods: z.array(z.string()) }), "Status"),
    401: problem("UNAUTHENTICATED"),
  },
});

const enrolRoute = createRoute({
  method: "post",
  path: "/mfa/totp",
  operationId: "startTotpEnrolment",
  tags: ["account"],
  summary: "Begin TOTP enrolment: a new secret and its otpauth:// URL (for a QR code)",
  description: "TOTP is on only once a code from the app confirms it. Asking again replaces a secret not yet confirmed.",
  middleware: [...sensitive] as const,
  "x-recent-auth": true,
  responses: {
    200: json(z.object({ secret: z.string(), otpauthUrl: z.string() }), "The secret (base32) and the URL"),
    401: reauth,
    409: problem("CONFLICT: TOTP is already on (remove it first)"),
    503: problem("MFA_UNAVAILABLE"),
  },
});

const confirmRoute = createRoute({
  method: "post",
  path: "/mfa/totp/confirm",
  operationId: "confirmTotpEnrolment",
  tags: ["account"],
  summary: "Confirm TOTP with a code from the app: it is on, and the 10 recovery codes are answered once",
  middleware: [ipRateLimit("login"), ...sensitive] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ code: z.string().max(16) })) },
  responses: { 200: RecoveryCodes, 401: problem("INVALID_MFA_CODE, UNAUTHENTICATED or REAUTH_REQUIRED"), 409: problem("CONFLICT: no enrolment waits"), 429: problem("RATE_LIMITED"), 503: problem("MFA_UNAVAILABLE") },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/mfa/totp",
  operationId: "removeTotp",
  tags: ["account"],
  summary: "Turn two-step verification off: the app's secret and the recovery codes are deleted",
  description: "Needs the password (or, for an account without one, a code) on top of a recent sign-in.",
  middleware: [ipRateLimit("change-password"), ...sensitive] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ password: Password.optional(), code: z.string().max(16).optional() })) },
  responses: { 204: { description: "Removed" }, 400: problem("VALIDATION_FAILED: no password"), 401: problem("INVALID_CREDENTIALS, INVALID_MFA_CODE, UNAUTHENTICATED or REAUTH_REQUIRED"), 429: problem("RATE_LIMITED") },
});

const regenerateRoute = createRoute({
  method: "post",
  path: "/mfa/recovery-codes",
  operationId: "regenerateRecoveryCodes",
  tags: ["account"],
  summary: "New recovery codes; the old ones stop working",
  middleware: [...sensitive] as const,
  "x-recent-auth": true,
  responses: { 200: RecoveryCodes, 401: reauth, 409: problem("CONFLICT: two-step verification is off") },
});

async function accountUser(c: Context<AppEnv>): Promise<UserRow> {
  const user = await findUserById(c.env.DB, currentSession(c).userId);
  if (user === null) throw new HttpProblem("UNAUTHENTICATED");
  return user;
}

const notify = (c: Context<AppEnv>, user: UserRow, change: "enabled" | "removed") =>
  defer(c, "mfa-changed", () => sendMfaChanged(c, user, change));

export const mfaAccount = createRouter()
  .openapi(statusRoute, async (c) => {
    const userId = currentSession(c).userId;
    const [status, methods] = await Promise.all([mfaStatuses(c.env.DB, [userId]), mfaMethods(c.env, userId)]);
    return c.json({ ...status.get(userId)!, methods }, 200);
  })
  .openapi(enrolRoute, async (c) => {
    const user = await accountUser(c);
    const secret = newTotpSecret();
    if (!(await saveEnrolment(c.env.DB, user.id, await seal(c.env, user.id, secret), nowSeconds()))) {
      throw new HttpProblem("CONFLICT", { detail: "Two-step verification is already on. Turn it off first to set up another app." });
    }
    return c.json(enrolment(secret, getConfig(c.env).appName, user.email), 200);
  })
  .openapi(confirmRoute, async (c) => {
    const user = await accountUser(c);
    const totp = await findTotp(c.env.DB, user.id);
    if (totp === null || totp.confirmed) throw new HttpProblem("CONFLICT", { detail: "Start the setup first." });
    const secret = await unseal(c.env, user.id, totp.sealed);
    await proveSecondFactor(c, { userId: user.id, device: null }, async () => {
      const now = nowSeconds();
      const step = matchingStep(secret, c.req.valid("json").code.replace(/\s/g, ""), now, totp.lastStep);
      return step !== null && (await acceptStep(c.env.DB, user.id, step, now, true));
    });
    const recoveryCodes = await issueRecoveryCodes(c.env.DB, user.id);
    await audit(c, "mfa.totp.enabled", { target: user.id });
    notify(c, user, "enabled");
    return c.json({ recoveryCodes }, 200);
  })
  .openapi(removeRoute, async (c) => {
    const user = await accountUser(c);
    const { password, code } = c.req.valid("json");
    if (password !== undefined) {
      await provePassword(c, { user, email: user.email }, () => checkPassword(c.env, user, password));
    } else if (code !== undefined) {
      await proveSecondFactor(c, { userId: user.id, device: null }, async () => (await checkSecondFactor(c, user.id, factorOf({ code })!)).ok);
    } else {
      throw new HttpProblem("VALIDATION_FAILED", { detail: "Enter your password.", errors: [{ path: "password", message: "Enter your password." }] });
    }
    if ((await removeMfa(c.env.DB, user.id)).totp) {
      await audit(c, "mfa.totp.removed", { target: user.id });
      notify(c, user, "removed");
    }
    return c.body(null, 204);
  })
  .openapi(regenerateRoute, async (c) => {
    const user = await accountUser(c);
    // Recovery codes back the authenticator app up; a passkey alone has none.
    if (!(await findTotp(c.env.DB, user.id))?.confirmed) throw new HttpProblem("CONFLICT", { detail: "Two-step verification is off." });
    const recoveryCodes = await issueRecoveryCodes(c.env.DB, user.id);
    await audit(c, "mfa.recovery_codes.regenerated", { target: user.id });
    return c.json({ recoveryCodes }, 200);
  });
