import { describe, expect, it } from "vitest";
import { permissionsOf, signedInAdmin, signedInWith } from "../admin/fixtures";
import { call } from "../helpers";

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
