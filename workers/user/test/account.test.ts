import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, latestToken, login, outbox, PASSWORD, problemOf, register, uniqueEmail, verifiedUser } from "./helpers";

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

const emailOf = async (cookie: string) => ((await (await call("GET", "/api/auth/session", { cookie })).json()) as { user: { email: string } }).user.email;

const requestChange = (cookie: string, body: Record<string, unknown>) => call("POST", "/api/account/email", { cookie, body });
const confirm = (token: string) => call("POST", "/api/account/email/confirm", { body: { token } });

/** The token of the newest change link sent to `to`. */
async function changeToken(to: string): Promise<string> {
  for (const message of await outbox(to)) {
    const match = /\/confirm-email\?token=([\w-]+)/.exec(message.text);
    if (match) return match[1]!;
  }
  throw new Error(`no change link for ${to}`);
}

describe("change of email address", () => {
  it("mails a link to the new address and a notice to the old; the link moves the account, and every session shows it", async () => {
    const email = await verifiedUser("moving");
    const [cookie, other] = [await login(email), await login(email)];
    const next = uniqueEmail("moved");
    const res = await requestChange(cookie, { newEmail: next, password: PASSWORD });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "confirmation_sent" });
    const [notice] = await outbox(email);
    expect(notice).toMatchObject({ subject: "A change of your email address was asked for" });
    expect(notice!.text).toContain(next);
    expect(notice!.text).not.toContain("confirm-email");
    // Until the link is opened, nothing has changed.
    expect(await emailOf(cookie)).toBe(email);

    const token = await changeToken(next);
    const done = await confirm(token);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ status: "changed", email: next });
    for (const session of [cookie, other]) expect(await emailOf(session)).toBe(next);
    await login(next);
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await problemOf(await confirm(token))).code).toBe("INVALID_TOKEN");
  });

  it("needs the password, a session, and an address that is not the current one", async () => {
    const email = await verifiedUser("careful");
    const cookie = await login(email);
    const wrong = await requestChange(cookie, { newEmail: uniqueEmail("x"), password: "not the password at all" });
    expect((await problemOf(wrong)).code).toBe("INVALID_CREDENTIALS");
    const same = await problemOf(await requestChange(cookie, { newEmail: email.toUpperCase(), password: PASSWORD }));
    expect(same).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "newEmail", message: "This is already your email address." }] });
    expect((await call("POST", "/api/account/email", { body: { newEmail: uniqueEmail("x"), password: PASSWORD } })).status).toBe(401);
    expect(await outbox(email)).toHaveLength(1); // the registration's link only
  });

  it("answers an address another account holds the same way, and mails that account nothing", async () => {
    const [email, taken] = [await verifiedUser("asking"), await verifiedUser("holder")];
    const before = (await outbox(taken)).length;
    const res = await requestChange(await login(email), { newEmail: taken, password: PASSWORD });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "confirmation_sent" });
    await outbox(email); // the deferred work has landed
    expect(await outbox(taken)).toHaveLength(before);
  });

  it("refuses with 409 when another account took the address before the link was opened", async () => {
    const email = await verifiedUser("slow");
    const next = uniqueEmail("raced");
    await requestChange(await login(email), { newEmail: next, password: PASSWORD });
    const token = await changeToken(next);
    expect((await register(next, "someone else's passphrase")).status).toBe(202);
    expect((await problemOf(await confirm(token))).code).toBe("CONFLICT");
    await login(email);
  });

  it("a password reset stops a pending change", async () => {
    const email = await verifiedUser("stopped");
    const next = uniqueEmail("never");
    await requestChange(await login(email), { newEmail: next, password: PASSWORD });
    const token = await changeToken(next);
    await call("POST", "/api/auth/forgot-password", { body: { email } });
    const reset = await call("POST", "/api/auth/reset-password", { body: { token: await latestToken(email, "reset"), password: "a brand new passphrase" } });
    expect(reset.status).toBe(204);
    expect((await problemOf(await confirm(token))).code).toBe("INVALID_TOKEN");
  });
});
