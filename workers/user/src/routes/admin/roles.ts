import * as z from "zod";
import type { Context } from "hono";
import { HttpProblem, isPermissionGrant, nowSeconds, sessionClient, type AdminRole } from "@workers-users/shared";
import { createRole, deleteRole, describedPermissions, getRole, listRoles, permissionCatalogue, replaceRolePermissions, updateRoleDescription } from "../../db/roles";
import { createRouter } from "../../router";
import { body, json, problem } from "../../schemas";
import type { AppEnv } from "../../types";
import { audit } from "../../users/audit";
import { adminRoute } from "./admin-route";
import { assertHolds, holdsAll } from "./guard";
import { Description, Role, RoleName } from "./schemas";

const PROTECTED_ROLE = "admin";
const Params = z.object({ name: RoleName });

const listRoute = adminRoute("roles:read", {
  method: "get",
  operationId: "listRoles",
  path: "/roles",
  summary: "Roles with their permissions, and the grantable permission catalogue",
  responses: {
    200: json(z.object({ roles: z.array(Role), catalogue: z.array(z.string()), descriptions: z.record(z.string(), z.string()) }), "Roles, the catalogue and what each permission in it means"),
  },
});

const createRoleRoute = adminRoute("roles:write", {
  method: "post",
  operationId: "createRole",
  path: "/roles",
  summary: "Create a role (no permissions yet)",
  request: { body: body(z.object({ name: RoleName, description: Description.optional() })) },
  responses: { 201: json(z.object({ role: Role }), "Created"), 409: problem("CONFLICT: exists") },
});

const updateRoute = adminRoute("roles:write", {
  method: "patch",
  operationId: "updateRole",
  path: "/roles/{name}",
  summary: "Update a role's description",
  request: { params: Params, body: body(z.object({ description: Description })) },
  responses: { 200: json(z.object({ role: Role }), "Updated"), 404: problem("NOT_FOUND") },
});

const deleteRoute = adminRoute("roles:write", {
  method: "delete",
  operationId: "deleteRole",
  path: "/roles/{name}",
  summary: "Delete a role; its members lose it at once",
  description: "Needs every permission the role grants. A role created later under the same name grants nothing to the old one's members.",
  request: { params: Params },
  responses: { 204: { description: "Deleted" }, 404: problem("NOT_FOUND"), 409: problem("CONFLICT: admin") },
});

const permissionsRoute = adminRoute("roles:write", {
  method: "put",
  operationId: "setRolePermissions",
  path: "/roles/{name}/permissions",
  summary: "Replace a role's permissions; members' sessions see it at once on strict checks, within ROLE_MAP_MAX_AGE seconds on others",
  description: "Needs every permission the role grants now and every permission it is given.",
  request: { params: Params, body: body(z.object({ permissions: z.array(z.string().max(80)).max(100) })) },
  responses: { 200: json(z.object({ role: Role }), "Updated"), 400: problem("Unknown permission"), 404: problem("NOT_FOUND"), 409: problem("CONFLICT: admin must keep *") },
});

/** Grantable: `*`, a catalogue entry, or `resource:*` for a resource in the catalogue. */
function ungrantable(permissions: string[], catalogue: string[]): string[] {
  const resources = new Set(catalogue.map((p) => p.split(":")[0]));
  return permissions.filter(
    (p) => !isPermissionGrant(p) || !(p === "*" || catalogue.includes(p) || (p.endsWith(":*") && resources.has(p.slice(0, -2)))),
  );
}

/** A role as the signed-in admin sees it: with whether they may grant it. */
async function roleOr404(c: Context<AppEnv>, name: string): Promise<AdminRole> {
  const role = await getRole(c.env.DB, name);
  if (!role) throw new HttpProblem("NOT_FOUND");
  return { ...role, grantable: holdsAll(c, role.permissions) };
}

export const adminRoles = createRouter()
  .openapi(listRoute, async (c) => {
    const roles = (await listRoles(c.env.DB)).map((role) => ({ ...role, grantable: holdsAll(c, role.permissions) }));
    const described = await describedPermissions(c.env.DB);
    return c.json({ roles, catalogue: described.map((p) => p.name), descriptions: Object.fromEntries(described.map((p) => [p.name, p.description])) }, 200);
  })
  .openapi(createRoleRoute, async (c) => {
    const { name, description = "" } = c.req.valid("json");
    if (!(await createRole(c.env.DB, name, description, nowSeconds()))) throw new HttpProblem("CONFLICT", { detail: `Role ${name} exists` });
    await audit(c, "role.created", { target: `role:${name}` });
    return c.json({ role: await roleOr404(c, name) }, 201);
  })
  .openapi(updateRoute, async (c) => {
    const { name } = c.req.valid("param");
    if (!(await updateRoleDescription(c.env.DB, name, c.req.valid("json").description, nowSeconds()))) throw new HttpProblem("NOT_FOUND");
    await audit(c, "role.updated", { target: `role:${name}` });
    return c.json({ role: await roleOr404(c, name) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { name } = c.req.valid("param");
    if (name === PROTECTED_ROLE) throw new HttpProblem("CONFLICT", { detail: "The admin role cannot be deleted" });
    assertHolds(c, (await roleOr404(c, name)).permissions, `Deleting the role ${name}`);
    const members = await deleteRole(c.env.DB, name);
    if (members === null) throw new HttpProblem("NOT_FOUND");
    await sessionClient(c.env.SESSION).refreshRoles();
    await audit(c, "role.deleted", { target: `role:${name}`, detail: { members: members.length } });
    return c.body(null, 204);
  })
  .openapi(permissionsRoute, async (c) => {
    const { name } = c.req.valid("param");
    const permissions = [...new Set(c.req.valid("json").permissions)].sort();
    const before = await roleOr404(c, name);
    if (name === PROTECTED_ROLE && !permissions.includes("*")) {
      throw new HttpProblem("CONFLICT", { detail: "The admin role keeps the * permission" });
    }
    const unknown = ungrantable(permissions, await permissionCatalogue(c.env.DB));
    if (unknown.length > 0) {
      throw new HttpProblem("VALIDATION_FAILED", { errors: unknown.map((p) => ({ path: "permissions", message: `Unknown permission: ${p}` })) });
    }
    // What the role grants now and what it is given: nobody widens or narrows grants they do not hold.
    assertHolds(c, [...before.permissions, ...permissions], `Changing the role ${name}`);
    await replaceRolePermissions(c.env.DB, name, permissions, nowSeconds());
    // The role → permissions map the session Worker reads on every request.
    await sessionClient(c.env.SESSION).refreshRoles();
    await audit(c, "role.permissions.replaced", { target: `role:${name}`, detail: { permissions } });
    return c.json({ role: await roleOr404(c, name) }, 200);
  });
