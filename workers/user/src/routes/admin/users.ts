import { z } from "@hono/zod-openapi";
import { HttpProblem, nowSeconds, sessionClient } from "@workers-users/shared";
import { deleteUserOrThrow, setDisabled } from "../../db/admin-users";
import { findUserById, listUsers, updateName, type UserPageCursor } from "../../db/users";
import { createRouter } from "../../router";
import { body, json, Name, problem } from "../../schemas";
import { refreshUserSessions } from "../../users/access";
import { decodeCursor, encodeCursor, rolesByUser, toAdminUser } from "../../users/admin-view";
import { audit } from "../../users/audit";
import { adminRoute } from "./admin-route";
import { AdminUser, Cursor, UserId } from "./schemas";

const PAGE_SIZE = 50;
const Params = z.object({ id: UserId });

function parseCursor(cursor: string | undefined): UserPageCursor | null {
  if (cursor === undefined) return null;
  const value = decodeCursor(cursor);
  if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string") return { createdAt: value[0], id: value[1] };
  throw new HttpProblem("VALIDATION_FAILED", { errors: [{ path: "cursor", message: "Unknown cursor" }] });
}

const listRoute = adminRoute("users:read", {
  method: "get",
  path: "/users",
  summary: "List users, newest first; `q` matches part of the email or name",
  request: { query: z.object({ q: z.string().max(100).optional(), cursor: Cursor.optional() }) },
  responses: { 200: json(z.object({ users: z.array(AdminUser), nextCursor: z.string().nullable() }), "A page of users") },
});

const getRoute = adminRoute("users:read", {
  method: "get",
  path: "/users/{id}",
  summary: "One user",
  request: { params: Params },
  responses: { 200: json(z.object({ user: AdminUser }), "The user"), 404: problem("NOT_FOUND") },
});

const patchRoute = adminRoute("users:write", {
  method: "patch",
  path: "/users/{id}",
  summary: "Rename, disable or enable a user; disabling ends their sessions at once",
  request: { params: Params, body: body(z.object({ name: Name.optional(), disabled: z.boolean().optional() })) },
  responses: { 200: json(z.object({ user: AdminUser }), "The user"), 404: problem("NOT_FOUND"), 409: problem("CONFLICT: the last admin") },
});

const deleteRoute = adminRoute("users:delete", {
  method: "delete",
  path: "/users/{id}",
  summary: "Delete a user and every session of theirs",
  request: { params: Params },
  responses: { 204: { description: "Deleted" }, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: the last admin") },
});

async function view(db: D1Database, id: string) {
  const row = await findUserById(db, id);
  if (!row) throw new HttpProblem("NOT_FOUND");
  return toAdminUser(row, (await rolesByUser(db, [id])).get(id) ?? []);
}

export const adminUsers = createRouter()
  .openapi(listRoute, async (c) => {
    const { q, cursor } = c.req.valid("query");
    const rows = await listUsers(c.env.DB, q?.trim() || null, parseCursor(cursor), PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    const roles = await rolesByUser(c.env.DB, page.map((r) => r.id));
    const last = page.at(-1);
    const nextCursor = rows.length > PAGE_SIZE && last ? encodeCursor([last.created_at, last.id]) : null;
    return c.json({ users: page.map((r) => toAdminUser(r, roles.get(r.id) ?? [])), nextCursor }, 200);
  })
  .openapi(getRoute, async (c) => c.json({ user: await view(c.env.DB, c.req.valid("param").id) }, 200))
  .openapi(patchRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { name, disabled } = c.req.valid("json");
    const now = nowSeconds();
    if (!(await findUserById(c.env.DB, id))) throw new HttpProblem("NOT_FOUND");
    if (name !== undefined) {
      await updateName(c.env.DB, id, name, now);
      await audit(c, "user.updated", { target: id, detail: { fields: ["name"] } });
    }
    if (disabled !== undefined) {
      const result = await setDisabled(c.env.DB, id, disabled, now);
      if (result.type === "last_admin") throw new HttpProblem("CONFLICT", { detail: "The last enabled admin cannot be disabled" });
      // Disabling is immediate: every session ends now, not at its expiry.
      if (disabled) await sessionClient(c.env.SESSION).revokeAll(id);
      await audit(c, disabled ? "user.disabled" : "user.enabled", { target: id });
    }
    if (!disabled) await refreshUserSessions(c.env, id);
    return c.json({ user: await view(c.env.DB, id) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid("param");
    await deleteUserOrThrow(c.env, id);
    await audit(c, "user.deleted", { target: id });
    return c.body(null, 204);
  });
