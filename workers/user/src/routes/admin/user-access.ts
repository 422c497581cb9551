import * as z from "zod";
import { HttpProblem, nowSeconds, sessionClient } from "@workers-users/shared";
import { assignRole, getRole, removeRole, rolesOfUser } from "../../db/roles";
import { findUserById } from "../../db/users";
import { createRouter } from "../../router";
import { body, json, problem } from "../../schemas";
import { audit } from "../../users/audit";
import { adminRoute } from "./admin-route";
import { assertHolds, assertMayActOn } from "./guard";
import { RoleName, UserId } from "./schemas";

const AdminSession = z
  .object({ id: z.string(), createdAt: z.number().int(), lastSeenAt: z.number().int(), expiresAt: z.number().int(), userAgent: z.string().nullable(), ip: z.string().nullable() })
  .meta({ id: "AdminSession" });

const assignRoute = adminRoute("roles:assign", {
  method: "post",
  operationId: "assignUserRole",
  path: "/users/{id}/roles",
  summary: "Give a user a role; their live sessions see it on the next request",
  description: "Needs every permission the role grants and every permission the user holds.",
  request: { params: z.object({ id: UserId }), body: body(z.object({ role: RoleName })) },
  responses: { 200: json(z.object({ roles: z.array(z.string()) }), "The user's roles"), 404: problem("NOT_FOUND: user or role") },
});

const removeRoute = adminRoute("roles:assign", {
  method: "delete",
  operationId: "removeUserRole",
  path: "/users/{id}/roles/{role}",
  summary: "Take a role away",
  description: "Needs every permission the user holds.",
  request: { params: z.object({ id: UserId, role: RoleName }) },
  responses: { 204: { description: "Removed" }, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: the last admin") },
});

const listSessionsRoute = adminRoute("sessions:read", {
  method: "get",
  operationId: "listUserSessions",
  path: "/users/{id}/sessions",
  summary: "A user's live sessions",
  request: { params: z.object({ id: UserId }) },
  responses: { 200: json(z.object({ sessions: z.array(AdminSession) }), "Sessions, newest first"), 404: problem("NOT_FOUND") },
});

const revokeAllRoute = adminRoute("sessions:revoke", {
  method: "delete",
  operationId: "revokeUserSessions",
  path: "/users/{id}/sessions",
  summary: "Revoke every session of a user",
  description: "Needs every permission the user holds.",
  request: { params: z.object({ id: UserId }) },
  responses: { 200: json(z.object({ revoked: z.number().int() }), "How many were revoked"), 404: problem("NOT_FOUND") },
});

const revokeOneRoute = adminRoute("sessions:revoke", {
  method: "delete",
  operationId: "revokeUserSession",
  path: "/users/{id}/sessions/{sid}",
  summary: "Revoke one session of a user",
  description: "Needs every permission the user holds.",
  request: { params: z.object({ id: UserId, sid: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Revoked" }, 404: problem("NOT_FOUND") },
});

export const adminUserAccess = createRouter()
  .openapi(assignRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    await assertMayActOn(c, id);
    const found = await getRole(c.env.DB, role);
    if (!found) throw new HttpProblem("NOT_FOUND", { detail: `No role named ${role}` });
    // Only `*` holders hand out `admin`: a role is given only by someone holding all it grants.
    assertHolds(c, found.permissions, `Giving the role ${role}`);
    if (await assignRole(c.env.DB, id, role, nowSeconds())) {
      await sessionClient(c.env.SESSION).refreshUser(id);
      await audit(c, "role.assigned", { target: id, detail: { role } });
    }
    return c.json({ roles: await rolesOfUser(c.env.DB, id) }, 200);
  })
  .openapi(removeRoute, async (c) => {
    const { id, role } = c.req.valid("param");
    await assertMayActOn(c, id);
    const result = await removeRole(c.env.DB, id, role);
    if (result === "not_assigned") throw new HttpProblem("NOT_FOUND");
    if (result === "last_admin") throw new HttpProblem("CONFLICT", { detail: "The admin role cannot lose its last enabled member" });
    await sessionClient(c.env.SESSION).refreshUser(id);
    await audit(c, "role.removed", { target: id, detail: { role } });
    return c.body(null, 204);
  })
  .openapi(listSessionsRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findUserById(c.env.DB, id))) throw new HttpProblem("NOT_FOUND");
    return c.json({ sessions: await sessionClient(c.env.SESSION).list(id) }, 200);
  })
  .openapi(revokeAllRoute, async (c) => {
    const { id } = c.req.valid("param");
    await assertMayActOn(c, id);
    const revoked = await sessionClient(c.env.SESSION).revokeAll(id);
    await audit(c, "sessions.revoked", { target: id, detail: { count: revoked } });
    return c.json({ revoked }, 200);
  })
  .openapi(revokeOneRoute, async (c) => {
    const { id, sid } = c.req.valid("param");
    await assertMayActOn(c, id);
    if (!(await sessionClient(c.env.SESSION).revoke(id, sid))) throw new HttpProblem("NOT_FOUND");
    await audit(c, "session.revoked", { target: id, detail: { sessionId: sid } });
    return c.body(null, 204);
  });
