import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, login, outbox, PASSWORD, problemOf, register, uniqueEmail, verifiedUser } from "../helpers";
import { grant, json, permissionsOf, roleWith, signedInAdmin, signedInWith, userIdOf } from "./fixtures";

describe("changes reach live sessions on their next request", () => {
  it("a removed role's permissions are gone at once, with no new login", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    const role = await roleWith(["users:read"]);
    expect((await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: admin.cookie, body: { role } })).status).toBe(200);
    expect(await permissionsOf(member.cookie)).toContain("users:read");
    expect((await call("GET", "/api/admin/users", { cookie: member.cookie })).status).toBe(200);
    expect((await call("DELETE", `/api/admin/users/${member.id}/roles/${role}`, { cookie: admin.cookie })).status).toBe(204);
    expect(await permissionsOf(member.cookie)).not.toContain("users:read");
    expect((await call("GET", "/api/admin/users", { cookie: member.cookie })).status).toBe(403);
  });

  it("replacing a role's permissions reaches every member's session", async () => {
    const admin = await signedInAdmin();
    const role = await roleWith(["users:read"]);
    const email = await verifiedUser("member");
    await grant(await userIdOf(email), role);
    const member = { cookie: await login(email) };
    expect(await permissionsOf(member.cookie)).toContain("users:read");
    const res = await call("PUT", `/api/admin/roles/${role}/permissions`, { cookie: admin.cookie, body: { permissions: ["audit:read"] } });
    expect(res.status).toBe(200);
    const perms = await permissionsOf(member.cookie);
    expect(perms).toContain("audit:read");
    expect(perms).not.toContain("users:read");
  });

  it("disabling a user kills their cookie and their login", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    const res = await call("PATCH", `/api/admin/users/${member.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect((await json<{ user: { disabled: boolean } }>(res)).user.disabled).toBe(true);
    expect((await call("GET", "/api/auth/session", { cookie: member.cookie })).status).toBe(401);
    const relogin = await call("POST", "/api/auth/login", { body: { email: member.email, password: PASSWORD } });
    expect((await problemOf(relogin)).code).toBe("ACCOUNT_DISABLED");
  });

  it("deleting a user kills their cookie", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    expect((await call("DELETE", `/api/admin/users/${member.id}`, { cookie: admin.cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/session", { cookie: member.cookie })).status).toBe(401);
  });
});

describe("the admin role is protected", () => {
  it("cannot lose * nor be deleted", async () => {
    const admin = await signedInAdmin();
    const res = await call("PUT", "/api/admin/roles/admin/permissions", { cookie: admin.cookie, body: { permissions: ["users:read"] } });
    expect(res.status).toBe(409);
    expect((await call("DELETE", "/api/admin/roles/admin", { cookie: admin.cookie })).status).toBe(409);
  });

  it("cannot lose its last enabled member, by removal, disabling or deletion", async () => {
    await env.DB.prepare("DELETE FROM user_roles WHERE role = 'admin'").run();
    const admin = await signedInAdmin();
    // Someone holding `*` through another role may act on the admin; the last one still stays.
    const superuser = await signedInWith(["*"], "super");
    expect((await call("DELETE", `/api/admin/users/${admin.id}/roles/admin`, { cookie: admin.cookie })).status).toBe(409);
    expect((await call("PATCH", `/api/admin/users/${admin.id}`, { cookie: superuser.cookie, body: { disabled: true } })).status).toBe(409);
    expect((await call("DELETE", `/api/admin/users/${admin.id}`, { cookie: superuser.cookie })).status).toBe(409);
    expect((await call("DELETE", "/api/account", { cookie: admin.cookie, body: { password: PASSWORD } })).status).toBe(409);
    const second = await signedInAdmin();
    expect((await call("DELETE", `/api/admin/users/${admin.id}/roles/admin`, { cookie: second.cookie })).status).toBe(204);
  });
});

describe("roles", () => {
  it("creates, describes, grants and deletes a role", async () => {
    const admin = await signedInAdmin();
    const name = `editors-${crypto.randomUUID().slice(0, 6)}`;
    expect((await call("POST", "/api/admin/roles", { cookie: admin.cookie, body: { name, description: "Edit" } })).status).toBe(201);
    expect((await call("POST", "/api/admin/roles", { cookie: admin.cookie, body: { name } })).status).toBe(409);
    const put = await call("PUT", `/api/admin/roles/${name}/permissions`, { cookie: admin.cookie, body: { permissions: ["users:*", "audit:read"] } });
    expect((await json<{ role: { permissions: string[] } }>(put)).role.permissions).toEqual(["audit:read", "users:*"]);
    const list = await json<{ roles: Array<{ name: string }>; catalogue: string[]; descriptions: Record<string, string> }>(await call("GET", "/api/admin/roles", { cookie: admin.cookie }));
    expect(list.roles.map((r) => r.name)).toContain(name);
    expect(list.catalogue).toContain("users:read");
    // What each permission means, from the permissions table, for every catalogue entry.
    expect(list.descriptions["users:write"]).toBe("Rename, disable and enable users");
    expect(Object.keys(list.descriptions).sort()).toEqual([...list.catalogue].sort());
    expect((await call("DELETE", `/api/admin/roles/${name}`, { cookie: admin.cookie })).status).toBe(204);
    expect((await call("PATCH", `/api/admin/roles/${name}`, { cookie: admin.cookie, body: { description: "x" } })).status).toBe(404);
  });

  it.each([["Bad Name"], ["a"], ["x".repeat(40)], ["1starts-with-digit"]])("refuses the role name %j", async (name) => {
    const admin = await signedInAdmin();
    expect((await call("POST", "/api/admin/roles", { cookie: admin.cookie, body: { name } })).status).toBe(400);
  });

  it.each([["users:readx"], ["nothing:read"], ["users"], [""], ["*:*"]])("refuses to grant %j", async (permission) => {
    const admin = await signedInAdmin();
    const role = await roleWith([]);
    const res = await call("PUT", `/api/admin/roles/${role}/permissions`, { cookie: admin.cookie, body: { permissions: [permission] } });
    expect(res.status).toBe(400);
  });
});

describe("users", () => {
  it("searches and pages with a cursor", async () => {
    const admin = await signedInAdmin();
    const tag = `pg${crypto.randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 3; i++) await register(uniqueEmail(tag));
    const first = await json<{ users: Array<{ email: string }>; nextCursor: string | null }>(await call("GET", `/api/admin/users?q=${tag}`, { cookie: admin.cookie }));
    expect(first.users).toHaveLength(3);
    expect(first.users.every((u) => u.email.startsWith(tag))).toBe(true);
    expect((await call("GET", "/api/admin/users?cursor=garbage", { cookie: admin.cookie })).status).toBe(400);
    expect((await call("GET", "/api/admin/users?q=%25", { cookie: admin.cookie })).status).toBe(200);
    // A whole address is a search too: D1 refuses LIKE patterns past about 50 bytes, which once made this a 503.
    const long = uniqueEmail(`${tag}l`);
    await register(long);
    const found = await json<{ users: Array<{ email: string }> }>(await call("GET", `/api/admin/users?q=${encodeURIComponent(long.toUpperCase())}`, { cookie: admin.cookie }));
    expect(found.users.map((u) => u.email)).toEqual([long]);
    expect((await call("GET", `/api/admin/users?q=${"%25_".repeat(33)}`, { cookie: admin.cookie })).status).toBe(200);
  });

  it("filters by role and status, counts every match, and shows the last sign-in", async () => {
    const admin = await signedInAdmin();
    const tag = `fl${crypto.randomUUID().slice(0, 6)}`;
    const [active, pending, disabled] = [await verifiedUser(tag), uniqueEmail(tag), await verifiedUser(tag)];
    await register(pending);
    await login(active);
    await env.DB.prepare("UPDATE users SET disabled_at = unixepoch() WHERE email = ?").bind(disabled).run();
    const list = async (query: string) =>
      json<{ users: Array<{ email: string; lastSignInAt: number | null }>; total: number }>(await call("GET", `/api/admin/users?q=${tag}${query}`, { cookie: admin.cookie }));
    const emails = async (query: string) => (await list(query)).users.map((u) => u.email);
    expect(await emails("&status=active")).toEqual([active]);
    expect(await emails("&status=unverified")).toEqual([pending]);
    expect(await emails("&status=disabled")).toEqual([disabled]);
    expect((await list("&role=user")).total).toBe(3);
    expect((await list("&role=admin")).total).toBe(0);
    const all = await list("");
    expect(all.total).toBe(3);
    expect(all.users.find((u) => u.email === active)!.lastSignInAt).toBeGreaterThan(0);
    expect(all.users.find((u) => u.email === pending)!.lastSignInAt).toBeNull();
    expect((await call("GET", "/api/admin/users?status=gone", { cookie: admin.cookie })).status).toBe(400);
  });

  it("mails a user a reset link, or an unverified one a new verification link, within the address's budget", async () => {
    const admin = await signedInAdmin();
    const pending = uniqueEmail("pending");
    await register(pending);
    const verified = await verifiedUser("verified");
    const [pendingId, verifiedId] = [await userIdOf(pending), await userIdOf(verified)];
    const send = (id: string, what: string) => call("POST", `/api/admin/users/${id}/${what}`, { cookie: admin.cookie });
    expect((await send(verifiedId, "reset-link")).status).toBe(202);
    expect((await outbox(verified))[0]!.subject).toBe("Reset your password");
    expect((await problemOf(await send(verifiedId, "verification"))).code).toBe("CONFLICT");
    expect((await send(pendingId, "verification")).status).toBe(202);
    expect((await send(pendingId, "verification")).status).toBe(202);
    // register + two more: the third message of the hour was the last.
    const spent = await send(pendingId, "reset-link");
    expect((await problemOf(spent)).code).toBe("RATE_LIMITED");
    expect(await outbox(pending)).toHaveLength(3);
    expect((await send("nobody", "reset-link")).status).toBe(404);
  });

  it("answers a missing id with 404", async () => {
    const admin = await signedInAdmin();
    expect((await call("GET", "/api/admin/users/nope", { cookie: admin.cookie })).status).toBe(404);
  });

  it("ignores fields an admin may not set through PATCH", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    await call("PATCH", `/api/admin/users/${member.id}`, { cookie: admin.cookie, body: { email: "x@evil.example", roles: ["admin"], emailVerified: false } });
    const row = await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(member.id).first<{ email: string }>();
    expect(row?.email).toBe(member.email);
    expect(await permissionsOf(member.cookie)).not.toContain("*");
  });
});

describe("bootstrap admin from ADMIN_EMAILS", () => {
  it("gets admin when the listed address is verified, and not before", async () => {
    const email = "root@example.com";
    await register(email);
    const id = await userIdOf(email);
    const before = await env.DB.prepare("SELECT 1 FROM user_roles WHERE user_id = ? AND role = 'admin'").bind(id).first();
    expect(before).toBeNull();
    const token = (await call("GET", `/api/dev/outbox?to=${email}`).then((r) => r.json() as Promise<{ messages: Array<{ text: string }> }>)).messages[0]!.text.match(/token=([\w-]+)/)![1];
    await call("POST", "/api/auth/verify-email", { body: { token, password: PASSWORD } });
    const cookie = await login(email);
    expect(await permissionsOf(cookie)).toContain("*");
  });

  it("a register body cannot ask for roles", async () => {
    const email = uniqueEmail();
    await call("POST", "/api/auth/register", { body: { email, password: PASSWORD, roles: ["admin"], permissions: ["*"] } });
    await call("GET", `/api/dev/outbox?to=${email}`);
    const { results } = await env.DB.prepare("SELECT role FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.email = ?").bind(email).all();
    expect(results).toEqual([{ role: "user" }]);
  });
});
