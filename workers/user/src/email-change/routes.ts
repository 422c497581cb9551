import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem, nowSeconds, randomToken, sessionClient, sha256 } from "@workers-users/shared";
import { getConfig } from "../config";
import { findUserByEmail, findUserById } from "../db/users";
import { defer } from "../http/deferred";
import { ipRateLimit } from "../http/ip-rate-limit";
import { requestLocale } from "../i18n";
import { queueMail } from "../mail/enqueue";
import { requirePermission } from "../middleware/permission";
import { currentSession, requireSession } from "../middleware/session";
import { requireRecentAuth } from "../mfa/recent-auth";
import { createRouter } from "../router";
import { body, json, problem, Email, Password, Token } from "../schemas";
import { audit } from "../users/audit";
import { checkPassword } from "../users/credentials";
import { spendMailBudget } from "../users/email-links";
import { provePassword } from "../users/throttle";
import { applyEmailChange, issueEmailChange } from "./store";

const requestRoute = createRoute({
  method: "post",
  operationId: "requestEmailChange",
  path: "/email",
  tags: ["account"],
  summary: "Ask to change the email address: a link goes to the new address, a notice to the current one",
  description:
    "Needs the password. Answers 202 whether or not the new address belongs to another account (that account is not mailed). The address changes when the link is opened (POST /api/account/email/confirm); until then the account keeps its address. The new address shares the mail budget of register and forgot-password.",
  middleware: [ipRateLimit("change-email"), requireSession({ strict: true }), requirePermission("account:write"), requireRecentAuth()] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ newEmail: Email, password: Password })) },
  responses: {
    202: json(z.object({ status: z.literal("confirmation_sent") }), "Check the new inbox"),
    400: problem("VALIDATION_FAILED: not an address, or the current one"),
    401: problem("UNAUTHENTICATED, REAUTH_REQUIRED (no proof of a credential in 10 minutes), or INVALID_CREDENTIALS for a wrong password"),
    429: problem("RATE_LIMITED"),
  },
});

const confirmRoute = createRoute({
  method: "post",
  operationId: "confirmEmailChange",
  path: "/email/confirm",
  tags: ["account"],
  summary: "Change the email address with the link sent to the new one",
  description: "No session needed: the link proves the new mailbox, and the password was proven when the change was asked for. Every session of the user shows the new address from its next request.",
  middleware: [ipRateLimit("verify")] as const,
  request: { body: body(z.object({ token: Token })) },
  responses: {
    200: json(z.object({ status: z.literal("changed"), email: z.string() }), "The account's address is the new one"),
    400: problem("INVALID_TOKEN: unknown, used, replaced by a later request, or expired"),
    409: problem("CONFLICT: another account took the address meanwhile"),
  },
});

export const emailChange = createRouter()
  .openapi(requestRoute, async (c) => {
    const { newEmail, password } = c.req.valid("json");
    const user = await findUserById(c.env.DB, currentSession(c).userId);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    await provePassword(c, { user, email: user.email }, () => checkPassword(c.env, user, password));
    if (newEmail === user.email) {
      const message = "This is already your email address.";
      throw new HttpProblem("VALIDATION_FAILED", { detail: message, errors: [{ path: "newEmail", message }] });
    }
    // After the answer, so its timing does not tell whether another account holds the address.
    // The owner hears of every request; the link goes out only to a free address, within its budget.
    defer(c, "change-email", async () => {
      const locale = requestLocale(c);
      await queueMail(c.env, { kind: "email-change-notice", to: user.email, newEmail, locale });
      if ((await findUserByEmail(c.env.DB, newEmail)) !== null || !(await spendMailBudget(c.env, newEmail))) return;
      const { appUrl, verifyTokenTtl: ttl } = getConfig(c.env);
      const token = randomToken(32);
      const now = nowSeconds();
      await issueEmailChange(c.env.DB, { userId: user.id, newEmail, tokenHash: await sha256(token), expiresAt: now + ttl }, now);
      await queueMail(c.env, { kind: "email-change", to: newEmail, link: `${appUrl}/confirm-email?token=${token}`, ttl, locale });
    });
    return c.json({ status: "confirmation_sent" as const }, 202);
  })
  .openapi(confirmRoute, async (c) => {
    const outcome = await applyEmailChange(c.env.DB, await sha256(c.req.valid("json").token), nowSeconds());
    if (outcome.type === "invalid_token") throw new HttpProblem("INVALID_TOKEN");
    if (outcome.type === "email_taken") throw new HttpProblem("CONFLICT", { detail: "Another account uses this address now. Ask for a change to another one." });
    // Live sessions carry the address: they read it anew on their next request.
    await sessionClient(c.env.SESSION).refreshUser(outcome.userId);
    await audit(c, "email.changed", { actorId: outcome.userId, target: outcome.userId });
    return c.json({ status: "changed" as const, email: outcome.newEmail }, 200);
  });
