import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem, nowSeconds, sessionClient } from "@workers-users/shared";
import { deleteUserOrThrow } from "../db/admin-users";
import { findUserById, updateName } from "../db/users";
import { clearSessionCookie } from "../http/cookies";
import { ipRateLimit } from "../http/ip-rate-limit";
import { requirePermission } from "../middleware/permission";
import { currentSession, requireSession } from "../middleware/session";
import { requireRecentAuth } from "../mfa/recent-auth";
import { audit } from "../users/audit";
import { createRouter } from "../router";
import { body, json, problem, Name, Password, User } from "../schemas";
import { checkPassword } from "../users/credentials";
import { provePassword } from "../users/throttle";

const SessionItem = z
  .object({ id: z.string(), createdAt: z.number().int(), lastSeenAt: z.number().int(), userAgent: z.string().nullable(), current: z.boolean() })
  .meta({ id: "SessionItem" });

const listRoute = createRoute({
  method: "get",
  operationId: "listMySessions",
  path: "/sessions",
  tags: ["account"],
  summary: "This user's live sessions; exactly one is `current`",
  middleware: [requireSession(), requirePermission("account:read")] as const,
  responses: { 200: json(z.object({ sessions: z.array(SessionItem) }), "Sessions, newest first"), 401: problem("UNAUTHENTICATED") },
});

const revokeRoute = createRoute({
  method: "delete",
  operationId: "revokeMySession",
  path: "/sessions/{id}",
  tags: ["account"],
  summary: "Revoke one of this user's sessions",
  middleware: [requireSession({ strict: true }), requirePermission("account:write")] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Revoked" }, 401: problem("UNAUTHENTICATED"), 404: problem("No such session of this user") },
});

const updateRoute = createRoute({
  method: "patch",
  operationId: "updateAccount",
  path: "/",
  tags: ["account"],
  summary: "Update the profile",
  middleware: [requireSession({ strict: true }), requirePermission("account:write")] as const,
  request: { body: body(z.object({ name: Name })) },
  responses: { 200: json(z.object({ user: User }), "The updated user"), 401: problem("UNAUTHENTICATED") },
});

const deleteRoute = createRoute({
  method: "delete",
  operationId: "deleteAccount",
  path: "/",
  tags: ["account"],
  summary: "Delete the account (requires the password); every session ends",
  middleware: [ipRateLimit("change-password"), requireSession({ strict: true }), requireRecentAuth()] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ password: Password })) },
  responses: { 204: { description: "Deleted" }, 401: problem("UNAUTHENTICATED, REAUTH_REQUIRED, or INVALID_CREDENTIALS"), 409: problem("CONFLICT: the last admin") },
});

export const account = createRouter()
  .openapi(listRoute, async (c) => {
    const current = currentSession(c);
    const list = await sessionClient(c.env.SESSION).list(current.userId);
    const sessions = list.map(({ id, createdAt, lastSeenAt, userAgent }) => ({ id, createdAt, lastSeenAt, userAgent, current: id === current.id }));
    return c.json({ sessions }, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const current = currentSession(c);
    const { id } = c.req.valid("param");
    // Scoped to the caller's own sessions: another user's id is simply not found.
    if (!(await sessionClient(c.env.SESSION).revoke(current.userId, id))) throw new HttpProblem("NOT_FOUND");
    if (id === current.id) clearSessionCookie(c);
    await audit(c, "session.revoked", { target: current.userId, detail: { sessionId: id } });
    return c.body(null, 204);
  })
  .openapi(updateRoute, async (c) => {
    const current = currentSession(c);
    const row = await updateName(c.env.DB, current.userId, c.req.valid("json").name, nowSeconds());
    if (row === null) throw new HttpProblem("UNAUTHENTICATED");
    await sessionClient(c.env.SESSION).refreshUser(row.id);
    return c.json({ user: { ...current.user, name: row.name } }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const current = currentSession(c);
    const user = await findUserById(c.env.DB, current.userId);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    await provePassword(c, { user, email: user.email }, () => checkPassword(c.env, user, c.req.valid("json").password));
    await deleteUserOrThrow(c.env, user.id);
    clearSessionCookie(c);
    await audit(c, "account.deleted", { target: user.id });
    return c.body(null, 204);
  });
