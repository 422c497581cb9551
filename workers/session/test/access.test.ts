import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { grantsOf, meta, seedUser, sessions, storedRecord } from "./helpers";

// Migrations seed the roles `admin` ("*") and `user` (its own account, and what later migrations add).
const grant = (role: string, permission: string) =>
  env.DB.prepare("INSERT INTO role_permissions (role, permission) VALUES (?, ?)").bind(role, permission).run();

describe("permissions on the hot path", () => {
  it("come from the roles, never from the stored snapshot; unknown roles are dropped", async () => {
    const user = await seedUser();
    const forged = { ...user, roles: ["user", "ghost"], permissions: ["*"] };
    const { token } = await sessions.create(forged, meta);
    const read = await sessions.get(token);
    expect(read?.user.roles).toEqual(["user"]);
    expect(read?.user.permissions).toEqual(await grantsOf("user"));
    expect(read?.user.permissions).toContain("account:read");
    expect((await storedRecord(token))?.user.permissions).toEqual(["*"]);
  });

  it("follow a role's new grants once the role map is refreshed", async () => {
    await env.DB.prepare("INSERT INTO roles (name, created_at, updated_at) VALUES ('editor', 0, 0)").run();
    await grant("editor", "notes:read");
    await sessions.refreshRoles();
    const { token } = await sessions.create({ ...(await seedUser()), roles: ["editor"] }, meta);
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
    await grant("editor", "notes:write");
    // The hot path reads grants from KV; D1 changes arrive with the next refresh.
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
    await sessions.refreshRoles();
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read", "notes:write"]);
  });

  it("rebuild a missing role map from D1", async () => {
    const { token } = await sessions.create({ ...(await seedUser()), roles: ["admin"] }, meta);
    await env.SESSIONS.delete("rbac:roles");
    expect((await sessions.get(token))?.user.permissions).toEqual(["*"]);
    expect(await env.SESSIONS.get("rbac:roles", "json")).toMatchObject({ admin: ["*"] });
  });
});

describe("getStrict reads the user from D1", () => {
  it("sees a role assigned in D1 that the session snapshot does not carry", async () => {
    const user = await seedUser();
    const { token } = await sessions.create(user, meta);
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, 'admin', 0)").bind(user.id).run();
    expect((await sessions.get(token))?.user.roles).toEqual([]);
    expect((await sessions.getStrict(token))?.user).toMatchObject({ roles: ["admin"], permissions: ["*"] });
  });

  it("refuses a disabled user's session and removes it from KV", async () => {
    const user = await seedUser();
    const { token } = await sessions.create(user, meta);
    await env.DB.prepare("UPDATE users SET disabled_at = 1 WHERE id = ?").bind(user.id).run();
    expect(await sessions.getStrict(token)).toBeNull();
    expect(await storedRecord(token)).toBeNull();
  });
});
