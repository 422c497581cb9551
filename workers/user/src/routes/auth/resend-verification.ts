import * as z from "zod";
import { createRoute } from "../../openapi";
import { findUserByEmail } from "../../db/users";
import { defer } from "../../http/deferred";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Email } from "../../schemas";
import { sendVerification, spendMailBudget } from "../../users/email-links";

const route = createRoute({
  method: "post",
  operationId: "resendVerification",
  path: "/resend-verification",
  tags: ["auth"],
  summary: "Email a new verification link to an address that has not confirmed it yet",
  description:
    "Answers 202 with the same body for every address: unknown, unverified, verified or disabled. Only an unverified, enabled account gets a new link, and only within the mail budget register and forgot-password share (MAIL_BUDGET_PER_HOUR, 3 an hour per address). Earlier links stay valid until used or expired.",
  middleware: [ipRateLimit("resend-verification")] as const,
  request: { body: body(z.object({ email: Email })) },
  responses: {
    202: json(z.object({ status: z.literal("verification_sent") }), "Check your inbox"),
    400: problem("VALIDATION_FAILED: not an email address"),
    429: problem("RATE_LIMITED: too many requests from this IP (never for an address)"),
  },
});

export const resendVerification = createRouter().openapi(route, async (c) => {
  const { email } = c.req.valid("json");
  const user = await findUserByEmail(c.env.DB, email);
  // After the answer, as forgot-password: the budget's work cannot tell which addresses have accounts.
  if (user && user.email_verified_at === null && user.disabled_at === null) {
    defer(c, "resend-verification", async () => {
      if (await spendMailBudget(c.env, user.email)) await sendVerification(c, user);
    });
  }
  return c.json({ status: "verification_sent" as const }, 202);
});
