import { createRoute, z } from "@hono/zod-openapi";
import { findUserByEmail, insertUser, replacePendingRegistration } from "../../db/users";
import { createRouter } from "../../router";
import { body, json, problem, Email, Name, Password } from "../../schemas";
import { assertPasswordPolicy, hasherFor } from "../../users/credentials";
import { grantDefaultRole } from "../../users/bootstrap";
import { sendAlreadyRegistered, sendVerification } from "../../users/email-links";

const route = createRoute({
  method: "post",
  path: "/register",
  tags: ["auth"],
  summary: "Create an account; a verification link is emailed",
  description: "Answers 202 for new and existing addresses alike, so it does not reveal which addresses have accounts.",
  request: { body: body(z.object({ email: Email, password: Password, name: Name.optional() })) },
  responses: {
    202: json(z.object({ status: z.literal("verification_sent") }), "Check your inbox"),
    400: problem("Invalid email or password"),
  },
});

export const register = createRouter().openapi(route, async (c) => {
  const { email, password, name = null } = c.req.valid("json");
  assertPasswordPolicy(c.env, password, "password");
  // Hash first, whatever the address: every branch pays the same Argon2 cost.
  const passwordHash = await hasherFor(c.env).hash(password);
  const now = Math.floor(Date.now() / 1000);
  const created = await insertUser(c.env.DB, { id: crypto.randomUUID(), email, name, passwordHash }, now);
  if (created) {
    await grantDefaultRole(c.env, created.id);
    await sendVerification(c, created);
  } else {
    const existing = await findUserByEmail(c.env.DB, email);
    if (existing && existing.email_verified_at === null) {
      // Unverified: the latest registration wins, older links die with the new one.
      await replacePendingRegistration(c.env.DB, existing.id, passwordHash, name, now);
      await sendVerification(c, existing);
    } else if (existing) {
      await sendAlreadyRegistered(c, existing);
    }
  }
  return c.json({ status: "verification_sent" as const }, 202);
});
