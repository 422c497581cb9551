import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, login, PASSWORD, problemOf, verifiedUser } from "./helpers";

type SessionsBody = { sessions: Array<{ id: string; current: boolean; userAgent: string | null; createdAt: number; lastSeenAt: number }> };

async function sessions(cookie: string): Promise<SessionsBody["sessions"]> {
  const res = await call("GET", "/api/account/sessions", { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as SessionsBody).sessions;
}

describe("session data", () => {
  it("starts empty, replaces with PUT and merges with PATCH (null removes)", async () => {
    const cookie = await login(await verifiedUser());
    expect(await (await call("GET", "/api/session/data", { cookie })).json()).toEqual({ data: {} });
    const put = await call("PUT", "/api/session/data", { cookie, body: { data: { cart: [1, 2], theme: "dark" } } });
    expect(await put.json()).toEqual({ data: { cart: [1, 2], theme: "dark" } });
    const patch = await call("PATCH", "/api/session/data", { cookie, body: { data: { theme: null, lang: "fr" } } });
    expect(await patch.json()).toEqual({ data: { cart: [1, 2], lang: "fr" } });
    expect(await (await call("GET", "/api/session/data", { cookie })).json()).toEqual({ data: { cart: [1, 2], lang: "fr" } });
  });

  it("refuses data over 16 KiB with 413 and keeps what was there", async () => {
    const cookie = await login(await verifiedUser());
    await call("PUT", "/api/session/data", { cookie, body: { data: { keep: true } } });
    const res = await call("PUT", "/api/session/data", { cookie, body: { data: { blob: "x".repeat(16 * 1024) } } });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe("SESSION_DATA_TOO_LARGE");
    expect(await (await call("GET", "/api/session/data", { cookie })).json()).toEqual({ data: { keep: true } });
  });

  it.each([[[1, 2]], ["text"], [null]])("refuses non-object data %j with 400", async (data) => {
    const cookie = await login(await verifiedUser());
    expect((await call("PUT", "/api/session/data", { cookie, body: { data } })).status).toBe(400);
  });

  it("needs a session", async () => {
    expect((await call("GET", "/api/session/data")).status).toBe(401);
    expect((await call("PUT", "/api/session/data", { body: { data: {} } })).status).toBe(401);
  });
});

describe("own sessions", () => {
  it("lists sessions with exactly one current", async () => {
    const email = await verifiedUser();
    await login(email);
    const cookie = await login(email);
    const list = await sessions(cookie);
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list[0]).toEqual({ id: expect.any(String), createdAt: expect.any(Number), lastSeenAt: expect.any(Number), userAgent: null, current: expect.any(Boolean) });
  });

  it("revokes another device's session", async () => {
    const email = await verifiedUser();
    const other = await login(email);
    const cookie = await login(email);
    const target = (await sessions(cookie)).find((s) => !s.current)!;
    expect((await call("DELETE", `/api/account/sessions/${target.id}`, { cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/session", { cookie: other })).status).toBe(401);
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(200);
  });

  it("answers another user's session id exactly like a missing one", async () => {
    const victim = await login(await verifiedUser("victim"));
    const victimSession = (await sessions(victim))[0]!;
    const attacker = await login(await verifiedUser("attacker"));
    const foreign = await call("DELETE", `/api/account/sessions/${victimSession.id}`, { cookie: attacker });
    const missing = await call("DELETE", "/api/account/sessions/does-not-exist", { cookie: attacker });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    expect((await call("GET", "/api/auth/session", { cookie: victim })).status).toBe(200);
  });
});

describe("profile and deletion", () => {
  it("updates the name and live sessions see it", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    const res = await call("PATCH", "/api/account", { cookie, body: { name: "  Grace Hopper ", email: "takeover@example.com" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { name: string; email: string } }).user).toMatchObject({ name: "Grace Hopper", email });
    const session = (await (await call("GET", "/api/auth/session", { cookie })).json()) as { user: { name: string } };
    expect(session.user.name).toBe("Grace Hopper");
  });

  it("refuses a name over 100 characters", async () => {
    const cookie = await login(await verifiedUser());
    expect((await call("PATCH", "/api/account", { cookie, body: { name: "x".repeat(101) } })).status).toBe(400);
  });

  it("deletes the account only with the password, and every session dies", async () => {
    const email = await verifiedUser();
    const other = await login(email);
    const cookie = await login(email);
    const wrong = await call("DELETE", "/api/account", { cookie, body: { password: "not the password" } });
    expect((await problemOf(wrong)).code).toBe("INVALID_CREDENTIALS");
    const res = await call("DELETE", "/api/account", { cookie, body: { password: PASSWORD } });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-session=;.*Max-Age=0/i);
    expect((await call("GET", "/api/auth/session", { cookie: other })).status).toBe(401);
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
  });
});
