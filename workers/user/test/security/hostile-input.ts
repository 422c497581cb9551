import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signedInAdmin } from "../admin/fixtures";
import { call, login, PASSWORD, problemOf, register, uniqueEmail, verifiedUser } from "../helpers";

const PAYLOADS = [
  '{"__proto__":{"polluted":"yes","roles":["admin"]}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}},"b":[{"__proto__":{"polluted":"yes"}}]}',
];

const ownNames = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());

describe("prototype pollution (workerd: the test shares the Worker's isolate)", () => {
  it("V5.5.3 hostile keys in every kind of body leave the isolate's prototypes untouched", async () => {
    const before = ownNames();
    const cookie = await login(await verifiedUser());
    for (const payload of PAYLOADS) {
      const data = `{"data":${payload}}`;
      await call("PUT", "/api/session/data", { cookie, body: data });
      await call("PATCH", "/api/session/data", { cookie, body: data });
      await call("PATCH", "/api/account", { cookie, body: `{"name":"x",${payload.slice(1)}` });
      await call("POST", "/api/auth/login", { body: `{"email":"${uniqueEmail()}","password":"${PASSWORD}",${payload.slice(1)}` });
      await call("POST", "/api/auth/register", { body: `{"email":"${uniqueEmail()}","password":"${PASSWORD}",${payload.slice(1)}` });
    }
    expect(ownNames()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
    const { data } = (await (await call("GET", "/api/session/data", { cookie })).json()) as { data: Record<string, unknown> };
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});

describe("stored client input is bounded (ASVS 5.1.4)", () => {
  it("keeps at most 64 characters of CF-Connecting-IP and 256 of User-Agent, in the audit log and the session index", async () => {
    const email = await verifiedUser();
    const headers = { "cf-connecting-ip": "1".repeat(60_000), "user-agent": "U".repeat(10_000) };
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD }, headers })).status).toBe(200);
    expect((await call("POST", "/api/auth/login", { body: { email, password: "wrong password here" }, headers })).status).toBe(401);
    const audit = await env.DB.prepare("SELECT MAX(length(ip)) AS ip, MAX(length(user_agent)) AS ua FROM audit_log WHERE target = (SELECT id FROM users WHERE email = ?)")
      .bind(email)
      .first<{ ip: number; ua: number }>();
    expect(audit).toEqual({ ip: 64, ua: 256 });
    const session = await env.DB.prepare("SELECT MAX(length(ip)) AS ip, MAX(length(user_agent)) AS ua FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)")
      .bind(email)
      .first<{ ip: number; ua: number }>();
    expect(session).toEqual({ ip: 64, ua: 256 });
  });
});

describe("addresses with control or format characters are refused (look-alike accounts)", () => {
  it.each([
    ["a zero-width space", "\u200b"],
    ["a right-to-left override", "\u202e"],
    ["a byte order mark", "\ufeff"],
    ["a soft hyphen", "\u00ad"],
    ["a word joiner", "\u2060"],
    ["a private-use character", "\ue000"],
  ])("with %s: 400 VALIDATION_FAILED and no account", async (_, character) => {
    const plain = uniqueEmail();
    const email = plain.replace("@", `${character}@`);
    const res = await register(email);
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]?.path).toBe("email");
    const row = await env.DB.prepare("SELECT 1 FROM users WHERE email LIKE ?").bind(`%${plain.slice(-20)}`).first();
    expect(row).toBeNull();
  });
});

describe("names cannot impersonate", () => {
  it("refuses control and text-direction characters in a name, keeps emoji sequences", async () => {
    const admin = await signedInAdmin();
    for (const name of ["Ada\u202eevil", "Ada\u0007", "Ada\u2066x"]) {
      const res = await call("PATCH", `/api/admin/users/${admin.id}`, { cookie: admin.cookie, body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    const family = "Ada 👩‍👩‍👧";
    const ok = await call("PATCH", `/api/admin/users/${admin.id}`, { cookie: admin.cookie, body: { name: family } });
    expect(((await ok.json()) as { user: { name: string } }).user.name).toBe(family);
  });
});
