import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem } from "./lib/http";
import { fillPath, label, needsSession, operations, type Operation } from "./lib/openapi";
import { snapshot } from "./lib/state";
import { createVerifiedUser, linkToken, newMember, signIn, signInAdmin, strongPassword, uniqueEmail, type SignedIn } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

let ops: Operation[] = [];
let admin: SignedIn;
let member: SignedIn;

beforeAll(async () => {
  ops = await operations(base);
  admin = await signInAdmin(base);
  member = await newMember(base);
});

const sessionIdsOf = async (user: SignedIn) =>
  ((await (await api("GET", "/api/account/sessions", { cookie: user.cookie })).json()) as { sessions: Array<{ id: string; current: boolean }> }).sessions;

describe("authentication and authorisation on every route", () => {
  it("V4.1.1 V4.1.5 anonymous callers and dead cookies get 401 UNAUTHENTICATED from every route that needs a session", async () => {
    const guarded = ops.filter(needsSession);
    expect(guarded.length).toBeGreaterThan(20);
    // The document's security and its responses agree: the cookie is declared exactly where 401 UNAUTHENTICATED is.
    expect(guarded.map(label)).toEqual(ops.filter((op) => (op.responses["401"] ?? "").includes("UNAUTHENTICATED")).map(label));
    for (const op of guarded) {
      for (const cookie of [null, "__Host-session=forged", `__Host-session=${"A".repeat(43)}`]) {
        const res = await api(op.method, fillPath(op, { id: admin.id }), { cookie, body: op.body ? {} : undefined });
        expect(res.status, `${label(op)} with ${cookie}`).toBe(401);
        await expectProblem(res, 401, "UNAUTHENTICATED");
      }
    }
  });

  it("V4.1.1 V4.1.3 a member gets 403 FORBIDDEN from every admin route, and nothing changes", async () => {
    const before = await snapshot(base, { admin, member });
    const adminOps = ops.filter((op) => op.permission !== null);
    expect(adminOps.length).toBeGreaterThan(12);
    for (const op of adminOps) {
      const res = await api(op.method, fillPath(op, { id: admin.id, role: "admin", name: "admin", sid: "x" }), {
        cookie: member.cookie,
        body: op.body ? { role: "admin", name: "member", disabled: true, permissions: ["*"], description: "x" } : undefined,
      });
      expect(res.status, label(op)).toBe(403);
      await expectProblem(res, 403, "FORBIDDEN");
    }
    expect(await snapshot(base, { admin, member })).toBe(before);
  });

  it("V4.1.3 a role granted or taken away reaches the member's live session on the next request", async () => {
    const user = await newMember(base, "promoted");
    expect((await api("GET", "/api/admin/users", { cookie: user.cookie })).status).toBe(403);
    expect((await api("POST", `/api/admin/users/${user.id}/roles`, { cookie: admin.cookie, body: { role: "admin" } })).status).toBe(200);
    expect((await api("GET", "/api/admin/users", { cookie: user.cookie })).status).toBe(200);
    expect((await api("DELETE", `/api/admin/users/${user.id}/roles/admin`, { cookie: admin.cookie })).status).toBe(204);
    expect((await api("GET", "/api/admin/users", { cookie: user.cookie })).status).toBe(403);
  });
});

describe("no privilege escalation: one admin permission is not all of them", () => {
  /** A fresh member whose own role grants exactly `permission` (besides the default role); returns them and the role. */
  async function memberWith(permission: string): Promise<{ user: SignedIn; role: string }> {
    const role = `only-${permission.replace(":", "-")}-${randomUUID().slice(0, 6)}`;
    const user = await newMember(base, "climber");
    expect((await api("POST", "/api/admin/roles", { cookie: admin.cookie, body: { name: role } })).status).toBe(201);
    expect((await api("PUT", `/api/admin/roles/${role}/permissions`, { cookie: admin.cookie, body: { permissions: [permission] } })).status).toBe(200);
    expect((await api("POST", `/api/admin/users/${user.id}/roles`, { cookie: admin.cookie, body: { role } })).status).toBe(200);
    return { user, role };
  }

  // [permission held, request built from (the admin's id, the climber's id, the climber's role, an admin session id)]
  const climbs: Array<[string, (ids: { admin: string; self: string; role: string; sid: string }) => [string, string, unknown?]]> = [
    ["roles:assign", ({ self }) => ["POST", `/api/admin/users/${self}/roles`, { role: "admin" }]],
    ["roles:assign", ({ admin }) => ["DELETE", `/api/admin/users/${admin}/roles/admin`]],
    ["roles:write", ({ role }) => ["PUT", `/api/admin/roles/${role}/permissions`, { permissions: ["*"] }]],
    ["roles:write", ({ role }) => ["PUT", `/api/admin/roles/${role}/permissions`, { permissions: ["roles:write", "users:delete"] }]],
    ["roles:write", () => ["PUT", "/api/admin/roles/admin/permissions", { permissions: ["*", "roles:read"] }]],
    ["users:write", ({ admin }) => ["PATCH", `/api/admin/users/${admin}`, { disabled: true }]],
    ["users:write", ({ admin }) => ["POST", `/api/admin/users/${admin}/unlock`]],
    ["users:delete", ({ admin }) => ["DELETE", `/api/admin/users/${admin}`]],
    ["sessions:revoke", ({ admin }) => ["DELETE", `/api/admin/users/${admin}/sessions`]],
    ["sessions:revoke", ({ admin, sid }) => ["DELETE", `/api/admin/users/${admin}/sessions/${sid}`]],
  ];

  it.each(climbs.map(([permission, build]) => [`${permission}: ${build({ admin: ":admin", self: ":self", role: ":role", sid: ":sid" }).slice(0, 2).join(" ")}`, permission, build] as const))(
    "V4.1.3 %s is refused with 403 and changes nothing",
    async (_, permission, build) => {
      const { user, role } = await memberWith(permission);
      const victim = await signInAdmin(base);
      const sid = (await sessionIdsOf(victim)).find((s) => s.current)!.id;
      const before = await snapshot(base, { admin, member: user });
      const [method, path, body] = build({ admin: victim.id, self: user.id, role, sid });
      await expectProblem(await api(method, path, { cookie: user.cookie, body }), 403, "FORBIDDEN");
      expect(await snapshot(base, { admin, member: user })).toBe(before);
      expect((await api("GET", "/api/admin/users", { cookie: victim.cookie })).status).toBe(200);
    },
  );

  it("V4.1.3 nobody disables or deletes themselves through the admin API", async () => {
    const self = await signInAdmin(base);
    await expectProblem(await api("PATCH", `/api/admin/users/${self.id}`, { cookie: self.cookie, body: { disabled: true } }), 403, "FORBIDDEN");
    await expectProblem(await api("DELETE", `/api/admin/users/${self.id}`, { cookie: self.cookie }), 403, "FORBIDDEN");
  });
});

describe("object references", () => {
  it("V4.2.1 a user cannot sign out another user's device by its id: the answer is that of a missing id", async () => {
    const victim = await newMember(base, "victim");
    const [victimSession] = await sessionIdsOf(victim);
    const foreign = await api("DELETE", `/api/account/sessions/${victimSession!.id}`, { cookie: member.cookie });
    const missing = await api("DELETE", "/api/account/sessions/no-such-session", { cookie: member.cookie });
    await expectProblem(foreign, 404, "NOT_FOUND");
    await expectProblem(missing, 404, "NOT_FOUND");
    expect((await api("GET", "/api/auth/session", { cookie: victim.cookie })).status).toBe(200);
  });

  it("V4.2.1 an admin session route acts only on the user in its path", async () => {
    const owner = await newMember(base, "owner");
    const [ownerSession] = await sessionIdsOf(owner);
    const res = await api("DELETE", `/api/admin/users/${member.id}/sessions/${ownerSession!.id}`, { cookie: admin.cookie });
    await expectProblem(res, 404, "NOT_FOUND");
    expect((await api("GET", "/api/auth/session", { cookie: owner.cookie })).status).toBe(200);
  });
});

describe("mass assignment", () => {
  it("V4.1.2 V5.1.2 registration ignores roles, verification and ids a caller sends", async () => {
    const email = uniqueEmail("sneaky");
    const password = strongPassword();
    const body = { email, password, roles: ["admin"], role: "admin", emailVerified: true, email_verified_at: 1, id: admin.id, disabled: false };
    expect((await api("POST", "/api/auth/register", { body })).status).toBe(202);
    await expectProblem(await api("POST", "/api/auth/login", { body: { email, password } }), 403, "EMAIL_NOT_VERIFIED");
    expect((await api("POST", "/api/auth/verify-email", { body: { token: await linkToken(base, email, "verify"), password } })).status).toBe(200);
    const { user } = (await (await api("POST", "/api/auth/login", { body: { email, password } })).json()) as { user: { id: string; roles: string[] } };
    expect(user.roles).toEqual(["user"]);
    expect(user.id).not.toBe(admin.id);
  });

  it("V4.1.2 V5.1.2 profile and session-data writes cannot change the email, roles or identity", async () => {
    const user = await newMember(base, "profile");
    const patch = await api("PATCH", "/api/account", {
      cookie: user.cookie,
      body: { name: "Renamed", email: admin.email, roles: ["admin"], permissions: ["*"], id: admin.id, emailVerified: false },
    });
    expect(patch.status).toBe(200);
    await api("PUT", "/api/session/data", { cookie: user.cookie, body: { data: { user: { id: admin.id, roles: ["admin"] } }, userId: admin.id } });
    const { user: seen } = (await (await api("GET", "/api/auth/session", { cookie: user.cookie })).json()) as {
      user: { id: string; email: string; name: string; roles: string[]; emailVerified: boolean };
    };
    expect(seen).toMatchObject({ id: user.id, email: user.email, name: "Renamed", roles: ["user"], emailVerified: true });
    expect((await api("GET", "/api/admin/users", { cookie: user.cookie })).status).toBe(403);
    expect((await signIn(base, user.email, user.password)).id).toBe(user.id);
  });

  it("V4.1.2 an admin's user update ignores fields outside its schema", async () => {
    const email = uniqueEmail("target");
    await createVerifiedUser(base, email, strongPassword());
    const { users } = (await (await api("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: admin.cookie })).json()) as { users: Array<{ id: string }> };
    const res = await api("PATCH", `/api/admin/users/${users[0]!.id}`, { cookie: admin.cookie, body: { email: "changed@example.com", roles: ["admin"], emailVerified: false } });
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: { email: string; roles: string[]; emailVerified: boolean } };
    expect(user).toMatchObject({ email, roles: ["user"], emailVerified: true });
  });
});
