import * as z from "zod";
import type { Context } from "hono";
import { HttpProblem, nowSeconds, sessionClient } from "@workers-users/shared";
import { deleteUserOrThrow, setDisabled } from "../../db/admin-users";
import { permissionsOfUser } from "../../db/roles";
import { clearUserThrottles } from "../../db/throttle";
import { findUserById, listUsers, updateName, type UserPageCursor } from "../../db/users";
import { createRouter } from "../../router";
import { body, json, Name, problem } from "../../schemas";
import type { AppEnv } from "../../types";
import { decodeCursor, encodeCursor, toAdminUsers } from "../../users/admin-view";
import { audit } from "../../users/audit";
import { adminRoute } from "./admin-route";
import { actionsOn, assertMayActOn } from "./guard";
import { AdminUser, AdminUserActions, Cursor, RoleName, UserId } from "./schemas";

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
  operationId: "listUsers",
  path: "/users",
  summary: "List users, newest first; `q` matches part of the email or name, `role` and `status` narrow the list",
  request: {
    query: z.object({
      q: z.string().max(100).optional(),
      role: RoleName.optional(),
      status: z.enum(["active", "unverified", "disabled"]).optional(),
      cursor: Cursor.optional(),
    }),
  },
  responses: {
    200: json(z.object({ users: z.array(AdminUser), nextCursor: z.string().nullable(), total: z.number().int() }), "A page of users, and how many match in all"),
  },
});

const getRoute = adminRoute("users:read", {
  method: "get",
  operationId: "getUser",
  path: "/users/{id}",
  summary: "One user, and what the signed-in admin may do to them",
  request: { params: Params },
  responses: { 200: json(z.object({ user: AdminUser, actions: AdminUserActions }), "The user"), 404: problem("NOT_FOUND") },
});

const patchRoute = adminRoute("users:write", {
  method: "patch",
  operationId: "updateUser",
  path: "/users/{id}",
  summary: "Rename, disable or enable a user; disabling ends their sessions at once",
  description: "Needs every permission the user holds; nobody disables themselves.",
  request: { params: Params, body: body(z.object({ name: Name.optional(), disabled: z.boolean().optional() })) },
  responses: {
    200: json(z.object({ user: AdminUser, actions: AdminUserActions }), "The user"),
    404: problem("NOT_FOUND"),
    409: problem("CONFLICT: the last admin"),
  },
});

const deleteRoute = adminRoute("users:delete", {
  method: "delete",
  operationId: "deleteUser",
  path: "/users/{id}",
  summary: "Delete a user and every session of theirs",
  description: "Needs every permission the user holds; nobody deletes themselves here (`DELETE /api/account` does that).",
  request: { params: Params },
  responses: { 204: { description: "Deleted" }, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: the last admin") },
});

const unlockRoute = adminRoute("users:write", {
  method: "post",
  operationId: "unlockUser",
  path: "/users/{id}/unlock",
  summary: "Lift the sign-in lock of a user's account and of each of their trusted browsers",
  description: "Needs every permission the user holds.",
  request: { params: Params },
  responses: { 200: json(z.object({ user: AdminUser, actions: AdminUserActions }), "The user, unlocked"), 404: problem("NOT_FOUND") },
});

async function view(c: Context<AppEnv>, id: string, theirs?: string[]) {
  const row = await findUserById(c.env.DB, id);
  if (!row) throw new HttpProblem("NOT_FOUND");
  const [user] = await toAdminUsers(c.env.DB, [row]);
  const permissions = theirs ?? (await permissionsOfUser(c.env.DB, id)) ?? [];
  return { user: user!, actions: actionsOn(c, id, permissions) };
}

export const adminUsers = createRouter()
  .openapi(listRoute, async (c) => {
    const { q, role, status, cursor } = c.req.valid("query");
    const filter = { q: q?.trim() || null, role: role ?? null, status: status ?? null };
    const { rows, total } = await listUsers(c.env.DB, filter, parseCursor(cursor), PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    const nextCursor = rows.length > PAGE_SIZE && last ? encodeCursor([last.created_at, last.id]) : null;
    return c.json({ users: await toAdminUsers(c.env.DB, page), nextCursor, total }, 200);
  })
  .openapi(getRoute, async (c) => c.json(await view(c, c.req.valid("param").id), 200))
  .openapi(patchRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { name, disabled } = c.req.valid("json");
    const now = nowSeconds();
    const theirs = await assertMayActOn(c, id, { self: disabled === true ? "refuse" : "allow" });
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
    if (!disabled) await sessionClient(c.env.SESSION).refreshUser(id);
    return c.json(await view(c, id, theirs), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid("param");
    await assertMayActOn(c, id, { self: "refuse" });
    await deleteUserOrThrow(c.env, id);
    await audit(c, "user.deleted", { target: id });
    return c.body(null, 204);
  })
  .openapi(unlockRoute, async (c) => {
    const { id } = c.req.valid("param");
    const theirs = await assertMayActOn(c, id);
    const row = await findUserById(c.env.DB, id);
    if (!row) throw new HttpProblem("NOT_FOUND");
    await clearUserThrottles(c.env.DB, id, row.email);
    await audit(c, "user.unlocked", { target: id });
    return c.json(await view(c, id, theirs), 200);
  });
