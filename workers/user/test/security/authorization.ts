import { describe, expect, it } from "vitest";
import type { AdminRole, AdminUserActions } from "@workers-users/shared";
import { json, permissionsOf, roleWith, signedInAdmin, signedInWith } from "../admin/fixtures";
import { call, problemOf } from "../helpers";

// Members also hold the default role `user` (their own account, notes): what a signed-in caller holds is
// that plus the role a test gives them.

describe("nobody grants what they do not hold (ASVS 4.1.3)", () => {
  it("roles:assign alone cannot make its holder admin, nor give a role holding more than they do", async () => {
    const member = await signedInWith(["roles:assign"], "assigner");
    const res = await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: member.cookie, body: { role: "admin" } });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("FORBIDDEN");
    const wider = await roleWith(["users:delete"]);
    expect((await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: member.cookie, body: { role: wider } })).status).toBe(403);
    expect(await permissionsOf(member.cookie)).not.toContain("*");
    expect(await permissionsOf(member.cookie)).not.toContain("users:delete");
  });

  it("roles:assign gives a role whose every permission its holder has", async () => {
    const member = await signedInWith(["roles:assign", "audit:read"], "assigner");
    const peer = await signedInWith([], "peer");
    const narrow = await roleWith(["audit:read"]);
    expect((await call("POST", `/api/admin/users/${peer.id}/roles`, { cookie: member.cookie, body: { role: narrow } })).status).toBe(200);
    expect(await permissionsOf(peer.cookie)).toContain("audit:read");
  });

  it("roles:write alone cannot widen its holder's own role to * or to anything they lack", async () => {
    const role = await roleWith(["roles:write"]);
    const member = await signedInWith([], "writer");
    await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: (await signedInAdmin()).cookie, body: { role } });
    for (const permissions of [["*"], ["roles:*"], ["roles:write", "users:delete"]]) {
      const res = await call("PUT", `/api/admin/roles/${role}/permissions`, { cookie: member.cookie, body: { permissions } });
      expect(res.status, JSON.stringify(permissions)).toBe(403);
    }
    expect(await permissionsOf(member.cookie)).toEqual(expect.not.arrayContaining(["*", "roles:*", "users:delete"]));
    const kept = await call("PUT", `/api/admin/roles/${role}/permissions`, { cookie: member.cookie, body: { permissions: ["roles:write", "account:read"] } });
    expect(kept.status).toBe(200);
  });

  it("roles:write cannot take from a role, or delete one, granting what its holder lacks", async () => {
    const member = await signedInWith(["roles:write"], "writer");
    const powerful = await roleWith(["users:delete", "audit:read"]);
    expect((await call("PUT", `/api/admin/roles/${powerful}/permissions`, { cookie: member.cookie, body: { permissions: [] } })).status).toBe(403);
    expect((await call("DELETE", `/api/admin/roles/${powerful}`, { cookie: member.cookie })).status).toBe(403);
    const mine = await roleWith(["roles:write"]);
    expect((await call("DELETE", `/api/admin/roles/${mine}`, { cookie: member.cookie })).status).toBe(204);
  });

  it("the role list says which roles the caller may grant", async () => {
    const member = await signedInWith(["roles:read", "roles:assign", "audit:read"], "reader");
    const narrow = await roleWith(["audit:read"]);
    const list = await json<{ roles: AdminRole[] }>(await call("GET", "/api/admin/roles", { cookie: member.cookie }));
    const grantable = Object.fromEntries(list.roles.map((r) => [r.name, r.grantable]));
    expect(grantable).toMatchObject({ admin: false, user: true, [narrow]: true });
  });
});

describe("nobody acts on someone holding more than they do (ASVS 4.1.3)", () => {
  // [what, permission, request on a user id, status when the target is a peer holding no more than the caller]
  const cases: Array<[string, string, (id: string) => [string, string, unknown?], number]> = [
    ["users:write disables", "users:write", (id) => ["PATCH", `/api/admin/users/${id}`, { disabled: true }], 200],
    ["users:write renames", "users:write", (id) => ["PATCH", `/api/admin/users/${id}`, { name: "Demoted" }], 200],
    ["users:write unlocks", "users:write", (id) => ["POST", `/api/admin/users/${id}/unlock`], 200],
    ["users:delete deletes", "users:delete", (id) => ["DELETE", `/api/admin/users/${id}`], 204],
    ["sessions:revoke signs out", "sessions:revoke", (id) => ["DELETE", `/api/admin/users/${id}/sessions`], 200],
    // A peer has no admin role to lose: past the check, that is a 404.
    ["roles:assign demotes", "roles:assign", (id) => ["DELETE", `/api/admin/users/${id}/roles/admin`], 404],
    ["roles:assign gives a role to", "roles:assign", (id) => ["POST", `/api/admin/users/${id}/roles`, { role: "user" }], 200],
  ];

  it.each(cases)("%s an admin: 403, and the admin is untouched", async (_, permission, request) => {
    const admin = await signedInAdmin();
    const member = await signedInWith([permission], "member");
    const [method, path, body] = request(admin.id);
    const res = await call(method, path, { cookie: member.cookie, body });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("FORBIDDEN");
    expect(await permissionsOf(admin.cookie)).toContain("*");
  });

  it.each(cases)("%s a peer holding no more than the caller: allowed", async (_, permission, request, status) => {
    const member = await signedInWith([permission], "member");
    const peer = await signedInWith([], "peer");
    const [method, path, body] = request(peer.id);
    expect((await call(method, path, { cookie: member.cookie, body })).status).toBe(status);
  });

  it("nobody disables or deletes themselves through the admin API, admins included", async () => {
    const admin = await signedInAdmin();
    expect((await call("PATCH", `/api/admin/users/${admin.id}`, { cookie: admin.cookie, body: { disabled: true } })).status).toBe(403);
    expect((await call("DELETE", `/api/admin/users/${admin.id}`, { cookie: admin.cookie })).status).toBe(403);
    expect((await call("PATCH", `/api/admin/users/${admin.id}`, { cookie: admin.cookie, body: { name: "Still me" } })).status).toBe(200);
  });

  it("a user's page says what the caller may do to them, as the server decides it", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith(["users:read", "users:write", "sessions:revoke"], "member");
    const peer = await signedInWith([], "peer");
    const actionsOn = async (cookie: string, id: string) =>
      (await json<{ actions: AdminUserActions }>(await call("GET", `/api/admin/users/${id}`, { cookie }))).actions;
    expect(await actionsOn(member.cookie, admin.id)).toEqual({ rename: false, disable: false, delete: false, unlock: false, changeRoles: false, revokeSessions: false, sendLinks: false, resetMfa: false });
    expect(await actionsOn(member.cookie, peer.id)).toEqual({ rename: true, disable: true, delete: false, unlock: true, changeRoles: false, revokeSessions: true, sendLinks: true, resetMfa: true });
    expect(await actionsOn(admin.cookie, admin.id)).toMatchObject({ rename: true, disable: false, delete: false });
  });
});

const sessionOf = async (cookie: string) =>
  ((await (await call("GET", "/api/auth/session", { cookie })).json()) as { user: { roles: string[]; permissions: string[] } }).user;

describe("a role is its identity, not its name (ASVS 4.1.3)", () => {
  it("a deleted role leaves its members' sessions at once, and a new role of that name grants them nothing", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    const name = `ops-${crypto.randomUUID().slice(0, 6)}`;
    const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, { cookie: admin.cookie, body });
    expect((await asAdmin("POST", "/api/admin/roles", { name })).status).toBe(201);
    expect((await asAdmin("PUT", `/api/admin/roles/${name}/permissions`, { permissions: ["audit:read"] })).status).toBe(200);
    expect((await asAdmin("POST", `/api/admin/users/${member.id}/roles`, { role: name })).status).toBe(200);
    expect((await sessionOf(member.cookie)).roles).toContain(name);

    expect((await asAdmin("DELETE", `/api/admin/roles/${name}`)).status).toBe(204);
    expect((await sessionOf(member.cookie)).roles).not.toContain(name);

    expect((await asAdmin("POST", "/api/admin/roles", { name })).status).toBe(201);
    expect((await asAdmin("PUT", `/api/admin/roles/${name}/permissions`, { permissions: ["audit:read", "users:read"] })).status).toBe(200);
    // The member's live session (the hot path, not strict) still refers to the deleted role.
    expect(await sessionOf(member.cookie)).toMatchObject({ roles: expect.not.arrayContaining([name]) });
    expect(await permissionsOf(member.cookie)).not.toContain("audit:read");
    expect((await call("GET", "/api/admin/audit", { cookie: member.cookie })).status).toBe(403);
  });
});
