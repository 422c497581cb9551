import { createRoute, z } from "@hono/zod-openapi";
import { HttpProblem, sessionClient, sha256 } from "@workers-users/shared";
import { consumeToken, retireTokens } from "../../db/email-tokens";
import { findUserByEmail, findUserById, markEmailVerified, updatePasswordHash } from "../../db/users";
import { clientMeta } from "../../http/client-meta";
import { setSessionCookie } from "../../http/cookies";
import { currentSession, requireSession } from "../../middleware/session";
import { createRouter } from "../../router";
import { body, json, problem, Email, Password, Token } from "../../schemas";
import { assertPasswordPolicy, checkPassword, hasherFor } from "../../users/credentials";
import { audit } from "../../users/audit";
import { sendPasswordReset } from "../../users/email-links";
import { toSessionUser } from "../../users/snapshot";

const nowSeconds = () => Math.floor(Date.now() / 1000);

const forgotRoute = createRoute({
  method: "post",
  path: "/forgot-password",
  tags: ["auth"],
  summary: "Email a password reset link",
  description: "Answers 202 with the same body for every address.",
  request: { body: body(z.object({ email: Email })) },
  responses: { 202: json(z.object({ status: z.literal("reset_sent") }), "Check your inbox"), 400: problem("Invalid email") },
});

const resetRoute = createRoute({
  method: "post",
  path: "/reset-password",
  tags: ["auth"],
  summary: "Set a new password with the emailed token; signs out every device",
  request: { body: body(z.object({ token: Token, password: Password })) },
  responses: { 204: { description: "Password changed" }, 400: problem("INVALID_TOKEN or VALIDATION_FAILED") },
});

const changeRoute = createRoute({
  method: "post",
  path: "/change-password",
  tags: ["auth"],
  summary: "Change the password; this device gets a new session, the others are signed out",
  middleware: [requireSession({ strict: true })] as const,
  request: { body: body(z.object({ currentPassword: Password, newPassword: Password })) },
  responses: {
    204: { description: "Password changed; a new session cookie is set" },
    400: problem("VALIDATION_FAILED"),
    401: problem("UNAUTHENTICATED, or INVALID_CREDENTIALS for a wrong current password"),
  },
});

export const password = createRouter()
  .openapi(forgotRoute, async (c) => {
    const user = await findUserByEmail(c.env.DB, c.req.valid("json").email);
    if (user) await sendPasswordReset(c, user);
    return c.json({ status: "reset_sent" as const }, 202);
  })
  .openapi(resetRoute, async (c) => {
    const { token, password } = c.req.valid("json");
    // Policy first: a rejected password leaves the link usable for another try.
    assertPasswordPolicy(c.env, password, "password");
    const now = nowSeconds();
    const userId = await consumeToken(c.env.DB, "password_resets", await sha256(token), now);
    if (userId === null) throw new HttpProblem("INVALID_TOKEN");
    await updatePasswordHash(c.env.DB, userId, await hasherFor(c.env).hash(password), now);
    // The link proved the mailbox, so the address counts as verified.
    await markEmailVerified(c.env.DB, userId, now);
    await retireTokens(c.env.DB, "password_resets", userId, now);
    await sessionClient(c.env.SESSION).revokeAll(userId);
    await audit(c, "password.reset", { actorId: userId, target: userId });
    return c.body(null, 204);
  })
  .openapi(changeRoute, async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const current = currentSession(c);
    const user = await findUserById(c.env.DB, current.userId);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    if (!(await checkPassword(c.env, user, currentPassword))) throw new HttpProblem("INVALID_CREDENTIALS");
    assertPasswordPolicy(c.env, newPassword, "newPassword");
    const now = nowSeconds();
    await updatePasswordHash(c.env.DB, user.id, await hasherFor(c.env).hash(newPassword), now);
    await retireTokens(c.env.DB, "password_resets", user.id, now);
    const sessions = sessionClient(c.env.SESSION);
    await sessions.revokeAll(user.id);
    const { token, session } = await sessions.create(toSessionUser(user, current.user), clientMeta(c), current.data);
    setSessionCookie(c, token, session);
    await audit(c, "password.changed", { actorId: user.id, target: user.id });
    return c.body(null, 204);
  });
