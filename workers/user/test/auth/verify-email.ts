import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, latestToken, login, outbox, PASSWORD, problemOf, register, sessionCookie, uniqueEmail } from "../helpers";

afterEach(() => vi.useRealTimers());

const verify = (body: Record<string, unknown>, cookie?: string) => call("POST", "/api/auth/verify-email", { body, cookie });

async function registered(password = PASSWORD): Promise<{ email: string; token: string }> {
  const email = uniqueEmail();
  await register(email, password);
  return { email, token: await latestToken(email, "verify") };
}

const isVerified = async (email: string) =>
  (await env.DB.prepare("SELECT email_verified_at FROM users WHERE email = ?").bind(email).first<{ email_verified_at: number | null }>())
    ?.email_verified_at !== null;

describe("POST /api/auth/verify-email proves the mailbox and the password together", () => {
  it("verifies with the right password and signs this browser in", async () => {
    const { email, token } = await registered();
    const res = await verify({ token, password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; user: { email: string; emailVerified: boolean } };
    expect(body).toMatchObject({ status: "verified", user: { email, emailVerified: true } });
    const cookie = sessionCookie(res);
    expect(cookie).not.toBeNull();
    expect((await call("GET", "/api/auth/session", { cookie: cookie! })).status).toBe(200);
    expect(await isVerified(email)).toBe(true);
  });

  it.each([
    ["a wrong password", { password: "not the password at all" }],
    ["no password", {}],
  ])("with %s: 401, nothing verified, no cookie, and the link still works", async (_, extra) => {
    const { email, token } = await registered();
    const res = await verify({ token, ...extra });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("INVALID_CREDENTIALS");
    expect(sessionCookie(res)).toBeNull();
    expect(await isVerified(email)).toBe(false);
    expect((await verify({ token, password: PASSWORD })).status).toBe(200);
  });

  it("counts wrong passwords there as failed logins of the account", async () => {
    const { email, token } = await registered();
    for (let i = 0; i < 4; i++) expect((await verify({ token, password: `wrong guess number ${i}` })).status).toBe(401);
    // The fifth failure makes the account wait, on this route and on login alike.
    expect((await verify({ token, password: "wrong guess number 4" })).status).toBe(401);
    expect((await verify({ token, password: PASSWORD })).status).toBe(429);
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(429);
    const { results } = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'auth.login.failed' AND target = (SELECT id FROM users WHERE email = ?)")
      .bind(email)
      .all<{ detail: string }>();
    expect(results).toHaveLength(5);
    expect(JSON.parse(results[0]!.detail)).toEqual({ via: "verify-email" });
  });

  it("is single use", async () => {
    const { token } = await registered();
    expect((await verify({ token, password: PASSWORD })).status).toBe(200);
    const again = await verify({ token, password: PASSWORD });
    expect(again.status).toBe(400);
    expect((await problemOf(again)).code).toBe("INVALID_TOKEN");
  });

  it("expires after 24 hours", async () => {
    const { token } = await registered();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1000);
    const res = await verify({ token, password: PASSWORD });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("rejects an unknown token without looking at the password", async () => {
    const res = await verify({ token: "A".repeat(43), password: PASSWORD });
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("pre-registration takeover: the owner's link with the squatter's password verifies nothing for anyone", async () => {
    // The squatter registers an address they do not control; the owner gets the link.
    const { email, token } = await registered("squatter's own password");
    // Opening the link alone (as the old page did on load) verifies nothing.
    expect((await verify({ token })).status).toBe(401);
    // The owner types their own password: not the squatter's, so nothing happens.
    expect((await verify({ token, password: "the owner's password" })).status).toBe(401);
    expect(await isVerified(email)).toBe(false);
    const squatter = await call("POST", "/api/auth/login", { body: { email, password: "squatter's own password" } });
    expect((await problemOf(squatter)).code).toBe("EMAIL_NOT_VERIFIED");
    // The owner registers (their password replaces the squatter's) and verifies with their own link.
    await register(email, "the owner's password");
    const own = await latestToken(email, "verify");
    expect((await verify({ token: own, password: "the owner's password" })).status).toBe(200);
    await login(email, "the owner's password");
    expect((await call("POST", "/api/auth/login", { body: { email, password: "squatter's own password" } })).status).toBe(401);
  });

  it("a squatter registering after the owner cannot win: the owner's password no longer fits, the squatter has no link", async () => {
    const { email } = await registered("the owner's password");
    await register(email, "squatter's own password");
    const newest = await latestToken(email, "verify");
    // The owner opens the newest link with their own password: refused, the link stays.
    expect((await verify({ token: newest, password: "the owner's password" })).status).toBe(401);
    expect(await isVerified(email)).toBe(false);
    // The squatter never sees the link, so their password never verifies the address.
    expect((await call("POST", "/api/auth/login", { body: { email, password: "squatter's own password" } })).status).toBe(403);
  });

  it("gives admin to an ADMIN_EMAILS address only with its registrant's password", async () => {
    const email = "root@example.com";
    await env.DB.prepare("DELETE FROM users WHERE email = ?").bind(email).run();
    await register(email, "squatter's own password");
    const token = await latestToken(email, "verify");
    expect((await verify({ token })).status).toBe(401);
    expect((await verify({ token, password: "the owner's password" })).status).toBe(401);
    const admins = await env.DB.prepare("SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.email = ? AND ur.role = 'admin'").bind(email).all();
    expect(admins.results).toEqual([]);
  });
});

describe("POST /api/auth/resend-verification", () => {
  const resend = (email: string) => call("POST", "/api/auth/resend-verification", { body: { email } });

  it("mails an unverified account a new link that verifies it; the earlier link stays valid", async () => {
    const { email, token: first } = await registered();
    const res = await resend(email);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "verification_sent" });
    const second = await latestToken(email, "verify");
    expect(second).not.toBe(first);
    expect((await verify({ token: second, password: PASSWORD })).status).toBe(200);
    expect(await isVerified(email)).toBe(true);
  });

  it("answers 202 alike for unknown, verified and disabled accounts, and mails none of them", async () => {
    const verified = await registered();
    expect((await verify({ token: verified.token, password: PASSWORD })).status).toBe(200);
    const disabled = await registered();
    await env.DB.prepare("UPDATE users SET disabled_at = unixepoch() WHERE email = ?").bind(disabled.email).run();
    const unknown = uniqueEmail("nobody");
    const bodies = new Set<string>();
    for (const email of [unknown, verified.email, disabled.email]) {
      const res = await resend(email);
      expect(res.status).toBe(202);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect(await outbox(unknown)).toHaveLength(0);
    expect(await outbox(verified.email)).toHaveLength(1);
    expect(await outbox(disabled.email)).toHaveLength(1);
  });

  it("refuses what is not an email address with 400", async () => {
    expect((await problemOf(await resend("not an address"))).code).toBe("VALIDATION_FAILED");
  });
});
