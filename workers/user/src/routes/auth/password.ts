import * as z from "zod";
import { createRoute } from "../../openapi";
import { HttpProblem, nowSeconds, sessionClient, sha256 } from "@workers-users/shared";
import { consumeToken, peekToken, retireTokens } from "../../db/email-tokens";
import { findUserByEmail, findUserById, markEmailVerified, updatePasswordHash } from "../../db/users";
import { defer } from "../../http/deferred";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { currentSession, requireSession } from "../../middleware/session";
import { requireRecentAuth } from "../../mfa/recent-auth";
import { createRouter } from "../../router";
import { body, json, problem, Email, Password, Token } from "../../schemas";
import { assertNewPassword, checkPassword, hasherFor } from "../../users/credentials";
import { audit } from "../../users/audit";
import { sendPasswordChanged, sendPasswordReset, spendMailBudget } from "../../users/email-links";
import { signIn } from "../../users/sign-in";
import { provePassword } from "../../users/throttle";
import { clearUserThrottles } from "../../db/throttle";
import { retireEmailChanges } from "../../email-change/store";


const forgotRoute = createRoute({
  method: "post",
  operationId: "forgotPassword",
  path: "/forgot-password",
  tags: ["auth"],
  summary: "Email a password reset link",
  description:
    "Answers 202 with the same body for every address, however often it is asked. Register, forgot-password and resend-verification together mail an address at most MAIL_BUDGET_PER_HOUR times (3) in any hour; beyond that nothing is sent.",
  middleware: [ipRateLimit("forgot")] as const,
  request: { body: body(z.object({ email: Email })) },
  responses: {
    202: json(z.object({ status: z.literal("reset_sent") }), "Check your inbox"),
    400: problem("Invalid email"),
    429: problem("RATE_LIMITED: too many requests from this IP (never for an address)"),
  },
});

const resetRoute = createRoute({
  method: "post",
  operationId: "resetPassword",
  path: "/reset-password",
  tags: ["auth"],
  summary: "Set a new password with the emailed token; signs out every device",
  middleware: [ipRateLimit("reset")] as const,
  request: { body: body(z.object({ token: Token, password: Password })) },
  responses: { 204: { description: "Password changed" }, 400: problem("INVALID_TOKEN, VALIDATION_FAILED or WEAK_PASSWORD"), 429: problem("RATE_LIMITED") },
});

const changeRoute = createRoute({
  method: "post",
  operationId: "changePassword",
  path: "/change-password",
  tags: ["auth"],
  summary: "Change the password; this device gets a new session, the others are signed out",
  middleware: [ipRateLimit("change-password"), requireSession({ strict: true }), requireRecentAuth()] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ currentPassword: Password, newPassword: Password })) },
  responses: {
    204: { description: "Password changed; a new session cookie is set" },
    400: problem("VALIDATION_FAILED (the new password equal to the current one included) or WEAK_PASSWORD"),
    401: problem("UNAUTHENTICATED, REAUTH_REQUIRED (no proof of a credential in 10 minutes), or INVALID_CREDENTIALS for a wrong current password"),
    429: problem("RATE_LIMITED"),
  },
});

export const password = createRouter()
  .openapi(forgotRoute, async (c) => {
    const { email } = c.req.valid("json");
    const user = await findUserByEmail(c.env.DB, email);
    // After the answer, so the mail budget's work cannot tell known addresses from unknown ones.
    if (user) {
      defer(c, "forgot-password", async () => {
        if (await spendMailBudget(c.env, user.email)) await sendPasswordReset(c, user);
      });
    }
    return c.json({ status: "reset_sent" as const }, 202);
  })
  .openapi(resetRoute, async (c) => {
    const { token, password } = c.req.valid("json");
    const tokenHash = await sha256(token);
    const now = nowSeconds();
    // Policy first: a rejected password leaves the link usable for another try.
    const holderId = await peekToken(c.env.DB, "password_resets", tokenHash, now);
    const holder = holderId === null ? null : await findUserById(c.env.DB, holderId);
    if (holder === null) throw new HttpProblem("INVALID_TOKEN");
    await assertNewPassword(c.env, password, "password", holder.email);
    // Sessions end before the password changes: if revocation fails, nothing has changed.
    await sessionClient(c.env.SESSION).revokeAll(holder.id);
    const userId = await consumeToken(c.env.DB, "password_resets", tokenHash, now);
    if (userId === null) throw new HttpProblem("INVALID_TOKEN");
    await updatePasswordHash(c.env.DB, userId, await hasherFor(c.env).hash(password), now);
    // The link proved the mailbox, so the address counts as verified.
    await markEmailVerified(c.env.DB, userId, now);
    await retireTokens(c.env.DB, "password_resets", userId, now);
    await retireEmailChanges(c.env.DB, userId, now);
    // Sessions created by sign-ins that raced the change; later ones fail on the moved epoch.
    await sessionClient(c.env.SESSION).revokeAll(userId);
    // Whoever holds the mailbox gets back in, whatever lock an attacker caused.
    await clearUserThrottles(c.env.DB, userId, holder.email);
    await audit(c, "password.reset", { actorId: userId, target: userId });
    defer(c, "password-changed", () => sendPasswordChanged(c, holder));
    return c.body(null, 204);
  })
  .openapi(changeRoute, async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const current = currentSession(c);
    const user = await findUserById(c.env.DB, current.userId);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    await provePassword(c, { user, email: user.email }, () => checkPassword(c.env, user, currentPassword));
    // The same password after the hasher's normalisation would change nothing but sign every device out.
    if (newPassword.normalize("NFKC") === currentPassword.normalize("NFKC")) {
      const message = "Choose a password different from your current one.";
      throw new HttpProblem("VALIDATION_FAILED", { detail: message, errors: [{ path: "newPassword", message }] });
    }
    await assertNewPassword(c.env, newPassword, "newPassword", user.email);
    const now = nowSeconds();
    const sessions = sessionClient(c.env.SESSION);
    // This device keeps its app data across the new session.
    const data = (await sessions.getData(c.get("sessionToken")!)) ?? {};
    // Sessions end before the password changes: if revocation fails, nothing has changed.
    await sessions.revokeAll(user.id);
    const epoch = await updatePasswordHash(c.env.DB, user.id, await hasherFor(c.env).hash(newPassword), now);
    // Sessions created by sign-ins that raced the change; later ones fail on the moved epoch.
    await sessions.revokeAll(user.id);
    await retireTokens(c.env.DB, "password_resets", user.id, now);
    await retireEmailChanges(c.env.DB, user.id, now);
    await audit(c, "password.changed", { actorId: user.id, target: user.id });
    defer(c, "password-changed", () => sendPasswordChanged(c, user));
    // Another change or a disable since this one: the password is changed, this device signed out.
    if ((await signIn(c, { ...user, credential_epoch: epoch }, { data })) === null) throw new HttpProblem("UNAUTHENTICATED");
    return c.body(null, 204);
  });
