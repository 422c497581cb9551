import * as z from "zod";
import { HttpProblem } from "@workers-users/shared";
import { findUserById } from "../../db/users";
import { createRouter } from "../../router";
import { json, problem } from "../../schemas";
import { audit } from "../../users/audit";
import { sendPasswordReset, sendVerification, spendMailBudget } from "../../users/email-links";
import { adminRoute } from "./admin-route";
import { assertMayActOn } from "./guard";
import { UserId } from "./schemas";

const Params = z.object({ id: UserId });
const Sent = json(z.object({ status: z.literal("sent") }), "Queued for the user's address");

const resetLinkRoute = adminRoute("users:write", {
  method: "post",
  operationId: "sendUserResetLink",
  path: "/users/{id}/reset-link",
  summary: "Mail the user a password reset link",
  description: "Needs every permission the user holds. The link goes to the user's own address, never to the admin; it counts against that address's mail budget.",
  request: { params: Params },
  responses: { 202: Sent, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: the user is disabled"), 429: problem("RATE_LIMITED: the address's mail budget is spent") },
});

const verificationRoute = adminRoute("users:write", {
  method: "post",
  operationId: "sendUserVerification",
  path: "/users/{id}/verification",
  summary: "Mail an unverified user a new verification link",
  description: "Needs every permission the user holds; counts against the address's mail budget.",
  request: { params: Params },
  responses: { 202: Sent, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: already verified, or disabled"), 429: problem("RATE_LIMITED: the address's mail budget is spent") },
});

/** The user an admin may mail: found, acted on within the admin's grants, not disabled, within the address's budget. */
async function mailable(c: Parameters<typeof assertMayActOn>[0], id: string) {
  await assertMayActOn(c, id);
  const user = await findUserById(c.env.DB, id);
  if (user === null) throw new HttpProblem("NOT_FOUND");
  if (user.disabled_at !== null) throw new HttpProblem("CONFLICT", { detail: "The user is disabled: enable them first." });
  return user;
}

// An admin is not anonymous: a spent budget is said plainly (the user's address gets at most 3 messages an hour).
const budgetSpent = () =>
  new HttpProblem("RATE_LIMITED", { detail: "This address has had its messages for the hour. Try again later.", headers: { "Retry-After": "3600" } });

export const adminUserMail = createRouter()
  .openapi(resetLinkRoute, async (c) => {
    const user = await mailable(c, c.req.valid("param").id);
    if (!(await spendMailBudget(c.env, user.email))) throw budgetSpent();
    await sendPasswordReset(c, user);
    await audit(c, "user.reset_link_sent", { target: user.id });
    return c.json({ status: "sent" as const }, 202);
  })
  .openapi(verificationRoute, async (c) => {
    const user = await mailable(c, c.req.valid("param").id);
    if (user.email_verified_at !== null) throw new HttpProblem("CONFLICT", { detail: "The address is verified already." });
    if (!(await spendMailBudget(c.env, user.email))) throw budgetSpent();
    await sendVerification(c, user);
    await audit(c, "user.verification_sent", { target: user.id });
    return c.json({ status: "sent" as const }, 202);
  });
