import { createRoute, z } from "@hono/zod-openapi";
import { HttpProblem, nowSeconds, sha256 } from "@workers-users/shared";
import { consumeToken } from "../../db/email-tokens";
import { findUserById, markEmailVerified } from "../../db/users";
import { ipRateLimit } from "../../http/ip-rate-limit";
import { createRouter } from "../../router";
import { body, json, problem, Token } from "../../schemas";
import { audit } from "../../users/audit";
import { grantConfiguredAdmin } from "../../users/bootstrap";

const route = createRoute({
  method: "post",
  path: "/verify-email",
  tags: ["auth"],
  summary: "Confirm an email address with the emailed token",
  middleware: [ipRateLimit("verify")] as const,
  request: { body: body(z.object({ token: Token })) },
  responses: {
    200: json(z.object({ status: z.literal("verified") }), "The address is verified"),
    400: problem("INVALID_TOKEN: unknown, used or expired"),
  },
});

export const verifyEmail = createRouter().openapi(route, async (c) => {
  const { token } = c.req.valid("json");
  const now = nowSeconds();
  const userId = await consumeToken(c.env.DB, "email_verifications", await sha256(token), now);
  if (userId === null) throw new HttpProblem("INVALID_TOKEN");
  await markEmailVerified(c.env.DB, userId, now);
  const user = await findUserById(c.env.DB, userId);
  if (user) {
    await grantConfiguredAdmin(c, user);
    await audit(c, "email.verified", { actorId: user.id, target: user.id });
  }
  return c.json({ status: "verified" as const }, 200);
});
