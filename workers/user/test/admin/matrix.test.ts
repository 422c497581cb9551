import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../helpers";
import { apiOperations, type Operation as ApiOperation } from "../openapi-operations";
import { seededMember, signedInWith } from "./fixtures";

type Operation = Required<Pick<ApiOperation, "method" | "path" | "permission">>;

/** Every admin route, read from the generated OpenAPI document: the table cannot drift from the code. */
async function adminOperations(): Promise<Operation[]> {
  return (await apiOperations())
    .filter((op) => op.path.startsWith("/api/admin/"))
    .map(({ method, path, permission }) => ({ method, path, permission: permission! }));
}

/** A request that succeeds for a caller holding the permission: real ids, a valid body. */
async function fixtureFor(op: Operation): Promise<{ path: string; body?: unknown }> {
  const target = (await seededMember([], "target")).id;
  const sid = ((await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?").bind(target).first<{ id: string }>())!).id;
  const role = `fx-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("INSERT INTO roles (name, description, created_at, updated_at) VALUES (?, '', 0, 0)").bind(role).run();
  await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, 0)").bind(target, role).run();
  // A new verification link is for an address not verified yet.
  if (op.path.endsWith("/verification")) await env.DB.prepare("UPDATE users SET email_verified_at = NULL WHERE id = ?").bind(target).run();
  const path = op.path.replace("{id}", target).replace("{sid}", sid).replace("{name}", role).replace("{role}", role);
  const bodies: Record<string, unknown> = {
    "PATCH /api/admin/users/{id}": { name: "Renamed" },
    "POST /api/admin/users/{id}/roles": { role: "user" },
    "POST /api/admin/roles": { name: `new-${crypto.randomUUID().slice(0, 8)}` },
    "PATCH /api/admin/roles/{name}": { description: "changed" },
    // A grant the caller holds: nobody gives a role more than they hold.
    "PUT /api/admin/roles/{name}/permissions": { permissions: ["roles:write"] },
  };
  return { path, body: bodies[`${op.method} ${op.path}`] };
}

const operations = await adminOperations();
const label = (op: Operation) => `${op.method} ${op.path} (${op.permission})`;
const allPermissions = [...new Set(operations.map((o) => o.permission))];

describe("route-by-role matrix, generated from the route table", () => {
  it("covers every admin row of the design", () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [
        "GET /api/admin/users",
        "GET /api/admin/users/{id}",
        "PATCH /api/admin/users/{id}",
        "DELETE /api/admin/users/{id}",
        "DELETE /api/admin/users/{id}/mfa",
        "POST /api/admin/users/{id}/unlock",
        "POST /api/admin/users/{id}/reset-link",
        "POST /api/admin/users/{id}/verification",
        "POST /api/admin/users/{id}/roles",
        "DELETE /api/admin/users/{id}/roles/{role}",
        "GET /api/admin/users/{id}/sessions",
        "DELETE /api/admin/users/{id}/sessions",
        "DELETE /api/admin/users/{id}/sessions/{sid}",
        "GET /api/admin/roles",
        "POST /api/admin/roles",
        "PATCH /api/admin/roles/{name}",
        "DELETE /api/admin/roles/{name}",
        "PUT /api/admin/roles/{name}/permissions",
        "GET /api/admin/audit",
        "GET /api/admin/audit/export",
      ].sort(),
    );
    for (const op of operations) expect(op.permission, `${op.method} ${op.path}`).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it.each(operations.map((op) => [label(op), op] as const))("%s: 401 for anonymous callers", async (_, op) => {
    const { path, body } = await fixtureFor(op);
    expect((await call(op.method, path, { body })).status).toBe(401);
  });

  it.each(operations.map((op) => [label(op), op] as const))("%s: 403 with every permission but this one", async (_, op) => {
    const caller = await seededMember(allPermissions.filter((p) => p !== op.permission), "almost");
    const { path, body } = await fixtureFor(op);
    expect((await call(op.method, path, { body, cookie: caller.cookie })).status).toBe(403);
  });

  it.each(operations.map((op) => [label(op), op] as const))("%s: success with exactly this permission", async (_, op) => {
    const caller = await seededMember([op.permission], "granted");
    const { path, body } = await fixtureFor(op);
    const res = await call(op.method, path, { body, cookie: caller.cookie });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  });

  it("grants through resource:* and * wildcards", async () => {
    const star = await signedInWith(["users:*"], "star");
    expect((await call("GET", "/api/admin/users", { cookie: star.cookie })).status).toBe(200);
    expect((await call("GET", "/api/admin/roles", { cookie: star.cookie })).status).toBe(403);
    const all = await signedInWith(["*"], "all");
    expect((await call("GET", "/api/admin/audit", { cookie: all.cookie })).status).toBe(200);
  });
});
