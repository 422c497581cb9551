import * as z from "zod";
import { createRoute } from "../../openapi";
import type { Context } from "hono";
import { nowSeconds } from "@workers-users/shared";
import { retireTokensOfEmail } from "../../db/email-tokens";
import { findUserByEmail, insertUser, replacePendingRegistration, type UserRow } from "../../db/users";
import { defer } from "../../http/deferred";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Email, Name, Password } from "../../schemas";
import type { AppEnv } from "../../types";
import { grantDefaultRole } from "../../users/bootstrap";
import { assertNewPassword, hasherFor } from "../../users/credentials";
import { sendAlreadyRegistered, sendVerification, spendMailBudget } from "../../users/email-links";

const route = createRoute({
  method: "post",
  operationId: "register",
  path: "/register",
  tags: ["auth"],
  summary: "Create an account; a verification link is emailed",
  description:
    "Answers 202 for new and existing addresses alike, so it does not reveal which addresses have accounts. Register, forgot-password and resend-verification together mail an address at most MAIL_BUDGET_PER_HOUR times (3) in any hour; beyond that the answer is the same and nothing is sent or changed.",
  middleware: [ipRateLimit("register")] as const,
  request: { body: body(z.object({ email: Email, password: Password, name: Name.optional() })) },
  responses: {
    202: json(z.object({ status: z.literal("verification_sent") }), "Check your inbox"),
    400: problem("VALIDATION_FAILED or WEAK_PASSWORD"),
    429: problem("RATE_LIMITED"),
  },
});

/** What happens after the answer: the same answer, whatever the address. */
async function afterRegister(c: Context<AppEnv>, created: UserRow | null, email: string, passwordHash: string, name: string | null) {
  if (created) {
    await grantDefaultRole(c.env, created.id);
    return sendVerification(c, created);
  }
  const existing = await findUserByEmail(c.env.DB, email);
  if (existing && existing.email_verified_at === null) {
    // Unverified: the latest registration wins, older links die with the new one.
    await replacePendingRegistration(c.env.DB, existing.id, passwordHash, name, nowSeconds());
    return sendVerification(c, existing);
  }
  if (existing) return sendAlreadyRegistered(c, existing);
}

export const register = createRouter().openapi(route, async (c) => {
  const { email, password, name = null } = c.req.valid("json");
  await assertNewPassword(c.env, password, "password", email);
  // The same work before the answer on every path: one Argon2 hash, one insert attempt, one update.
  const passwordHash = await hasherFor(c.env).hash(password);
  const now = nowSeconds();
  const created = await insertUser(c.env.DB, { id: crypto.randomUUID(), email, name, passwordHash }, now);
  // Every path mails the address once, so the budget is spent alike whether or not it has an account.
  // Beyond the budget nothing changes: no mail, and an earlier registrant's password and link stay.
  if (await spendMailBudget(c.env, email)) {
    // Before the answer: an earlier registrant's link is dead once this one is accepted.
    await retireTokensOfEmail(c.env.DB, "email_verifications", email, now);
    defer(c, "register", () => afterRegister(c, created, email, passwordHash, name));
  }
  return c.json({ status: "verification_sent" as const }, 202);
});
