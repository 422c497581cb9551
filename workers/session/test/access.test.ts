import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { publishRoleMap, roleMapFromD1, ROLE_MAP_KEY } from "../src/access";
import { fakeClock, grantsOf, open, seedUser, sessions, storedRecord } from "./helpers";

// Migrations seed the roles `admin` ("*") and `user` (its own account, and what later migrations add).
const grant = (role: string, permission: string) =>
  env.DB.prepare("INSERT INTO role_permissions (role, permission) VALUES (?, ?)").bind(role, permission).run();
const createRole = (name: string) => env.DB.prepare("INSERT INTO roles (name, created_at, updated_at) VALUES (?, 0, 0)").bind(name).run();
async function roleId(name: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT id FROM roles WHERE name = ?").bind(name).first<{ id: string }>())?.id;
}

describe("permissions on the hot path", () => {
  it("come from the user's roles in D1, never from the caller; the record stores role ids only", async () => {
    const user = await seedUser("Ada", ["user"]);
    const { token, session } = await open(user);
    expect(session.user).toEqual(user);
    const read = await sessions.get(token);
    expect(read?.user.roles).toEqual(["user"]);
    expect(read?.user.permissions).toEqual(await grantsOf("user"));
    const stored = await storedRecord(token);
    expect(stored?.user).not.toHaveProperty("permissions");
    expect(stored?.roleIds).toEqual([await roleId("user")]);
  });

  it("follow a role's new grants once the role map is refreshed", async () => {
    await createRole("editor");
    await grant("editor", "notes:read");
    await sessions.refreshRoles();
    const { token } = await open(await seedUser("Ada", ["editor"]));
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
    await grant("editor", "notes:write");
    // The hot path reads grants from KV; D1 changes arrive with the next refresh.
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
    await sessions.refreshRoles();
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read", "notes:write"]);
  });

  it("rebuild a missing role map from D1", async () => {
    const clock = fakeClock();
    const { token } = await open(await seedUser("Ada", ["admin"]));
    await env.SESSIONS.delete(ROLE_MAP_KEY);
    // Past the isolate's copy (ROLE_MAP_MAX_AGE, 10 s): the check reads the map and finds none.
    clock.advance(10);
    expect((await sessions.get(token))?.user.permissions).toEqual(["*"]);
    const adminId = (await roleId("admin"))!;
    expect(await env.SESSIONS.get(ROLE_MAP_KEY, "json")).toMatchObject({ [adminId]: { name: "admin", permissions: ["*"] } });
  });

  it("a role deleted and created again under the same name grants nothing to the old one's members", async () => {
    await createRole("auditor");
    await grant("auditor", "audit:read");
    const { token } = await open(await seedUser("Ada", ["auditor"]));
    await sessions.refreshRoles();
    expect((await sessions.get(token))?.user).toMatchObject({ roles: ["auditor"], permissions: ["audit:read"] });
    await env.DB.prepare("DELETE FROM roles WHERE name = 'auditor'").run();
    await sessions.refreshRoles();
    expect((await sessions.get(token))?.user).toMatchObject({ roles: [], permissions: [] });
    await createRole("auditor");
    await grant("auditor", "audit:read");
    await grant("auditor", "users:read");
    await sessions.refreshRoles();
    // The session still names the old role's id, which no role has any more.
    expect((await sessions.get(token))?.user).toMatchObject({ roles: [], permissions: [] });
    expect((await sessions.getStrict(token))?.user).toMatchObject({ roles: [], permissions: [] });
  });

  it("every role has an id, also one inserted without it (as an adopter's migration would)", async () => {
    await env.DB.prepare("INSERT INTO roles (name, created_at, updated_at) VALUES ('plain', 0, 0)").run();
    expect(await roleId("plain")).toMatch(/^[0-9a-f]{32}$/);
    expect(await roleId("admin")).not.toBe(await roleId("user"));
  });
});

describe("the role map an isolate reuses (ROLE_MAP_MAX_AGE = 10 s)", () => {
  afterEach(() => vi.useRealTimers());

  /** A role's grants replaced by an admin whose request ran in another isolate: KV changes, this copy does not. */
  async function grantElsewhere(role: string, permission: string) {
    await grant(role, permission);
    await publishRoleMap(env.SESSIONS, await roleMapFromD1(env.DB));
  }

  it("a role's new grants from another isolate reach a non-strict check within the bound, a strict one at once", async () => {
    const clock = fakeClock();
    await createRole("reviewer");
    await grant("reviewer", "notes:read");
    await sessions.refreshRoles();
    const { token } = await open(await seedUser("Ada", ["reviewer"]));
    await grantElsewhere("reviewer", "notes:write");
    clock.advance(9);
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
    expect((await sessions.getStrict(token))?.user.permissions).toEqual(["notes:read", "notes:write"]);
    clock.advance(1);
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read", "notes:write"]);
  });

  it("a role this isolate has not seen yet, just assigned, is looked up at once", async () => {
    fakeClock();
    await sessions.refreshRoles();
    await createRole("newcomer");
    await grantElsewhere("newcomer", "audit:read");
    const { token } = await open(await seedUser("Ada", ["newcomer"]));
    expect((await sessions.get(token))?.user).toMatchObject({ roles: ["newcomer"], permissions: ["audit:read"] });
  });

  it("a clock that goes back does not stretch the bound", async () => {
    const clock = fakeClock();
    await createRole("rewound");
    await sessions.refreshRoles();
    const { token } = await open(await seedUser("Ada", ["rewound"]));
    await grantElsewhere("rewound", "notes:read");
    clock.advance(-60);
    expect((await sessions.get(token))?.user.permissions).toEqual(["notes:read"]);
  });
});

describe("getStrict reads the user from D1", () => {
  it("sees a role assigned in D1 that the session snapshot does not carry", async () => {
    const user = await seedUser();
    const { token } = await open(user);
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, 'admin', 0)").bind(user.id).run();
    expect((await sessions.get(token))?.user.roles).toEqual([]);
    expect((await sessions.getStrict(token))?.user).toMatchObject({ roles: ["admin"], permissions: ["*"] });
  });

  it("refuses a disabled user's session and removes it from KV", async () => {
    const user = await seedUser();
    const { token } = await open(user);
    await env.DB.prepare("UPDATE users SET disabled_at = 1 WHERE id = ?").bind(user.id).run();
    expect(await sessions.getStrict(token)).toBeNull();
    expect(await storedRecord(token)).toBeNull();
  });
});
