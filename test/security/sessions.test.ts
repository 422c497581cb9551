import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { apiFor, sessionCookie } from "./lib/http";
import { linkToken, newMember, signIn, signInAdmin, strongPassword } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

const sessionStatus = async (cookie: string) => (await api("GET", "/api/auth/session", { cookie })).status;
/** A strict route (checked in D1): a dead session must be refused there too. */
const strictStatus = async (cookie: string) => (await api("DELETE", "/api/account/sessions/none", { cookie })).status;

describe("session rotation and fixation", () => {
  it("V3.2.1 login issues a new token, and the token presented at login dies", async () => {
    const member = await newMember(base);
    const res = await api("POST", "/api/auth/login", { cookie: member.cookie, body: { email: member.email, password: member.password } });
    const fresh = sessionCookie(res);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(member.cookie);
    expect(await sessionStatus(member.cookie)).toBe(401);
    expect(await sessionStatus(fresh!)).toBe(200);
  });

  it("V3.2.1 fixation: a token value planted before login is never adopted", async () => {
    const member = await newMember(base);
    const planted = `__Host-session=${randomBytes(32).toString("base64url")}`;
    const res = await api("POST", "/api/auth/login", { cookie: planted, body: { email: member.email, password: member.password } });
    expect(sessionCookie(res)).not.toBe(planted);
    expect(await sessionStatus(planted)).toBe(401);
  });

  it("V3.2.1 fixation: an attacker's own live session planted in a browser is ended when the victim signs in", async () => {
    const attacker = await newMember(base, "attacker");
    const victim = await newMember(base, "victim");
    const res = await api("POST", "/api/auth/login", { cookie: attacker.cookie, body: { email: victim.email, password: victim.password } });
    const cookie = sessionCookie(res)!;
    expect(cookie).not.toBe(attacker.cookie);
    expect(await sessionStatus(attacker.cookie)).toBe(401);
    const { user } = (await (await api("GET", "/api/auth/session", { cookie })).json()) as { user: { id: string } };
    expect(user.id).toBe(victim.id);
  });
});

describe("logout and revocation take effect at once", () => {
  it("V3.3.1 logout ends the session on plain and strict routes alike", async () => {
    const member = await newMember(base);
    expect((await api("POST", "/api/auth/logout", { cookie: member.cookie })).status).toBe(204);
    expect(await sessionStatus(member.cookie)).toBe(401);
    expect(await strictStatus(member.cookie)).toBe(401);
    expect((await api("GET", "/api/session/data", { cookie: member.cookie })).status).toBe(401);
  });

  it("V3.3.1 V3.3.4 logout-all ends every session of the user and no one else's", async () => {
    const member = await newMember(base);
    const other = await signIn(base, member.email, member.password);
    const bystander = await newMember(base, "bystander");
    expect((await api("POST", "/api/auth/logout-all", { cookie: member.cookie })).status).toBe(204);
    expect(await sessionStatus(member.cookie)).toBe(401);
    expect(await sessionStatus(other.cookie)).toBe(401);
    expect(await sessionStatus(bystander.cookie)).toBe(200);
  });

  it("V3.3.4 a user sees their devices and signing one out ends it at once", async () => {
    const member = await newMember(base);
    const phone = await signIn(base, member.email, member.password);
    const list = (await (await api("GET", "/api/account/sessions", { cookie: member.cookie })).json()) as {
      sessions: Array<{ id: string; current: boolean }>;
    };
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneId = list.sessions.find((s) => !s.current)!.id;
    expect((await api("DELETE", `/api/account/sessions/${phoneId}`, { cookie: member.cookie })).status).toBe(204);
    expect(await sessionStatus(phone.cookie)).toBe(401);
    expect(await sessionStatus(member.cookie)).toBe(200);
  });

  it("V3.3.1 V4.1.5 an admin's revocation and a disabled account end the user's sessions at once", async () => {
    const admin = await signInAdmin(base);
    const revoked = await newMember(base);
    const res = await api("DELETE", `/api/admin/users/${revoked.id}/sessions`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(await sessionStatus(revoked.cookie)).toBe(401);

    const disabled = await newMember(base);
    expect((await api("PATCH", `/api/admin/users/${disabled.id}`, { cookie: admin.cookie, body: { disabled: true } })).status).toBe(200);
    expect(await sessionStatus(disabled.cookie)).toBe(401);
    expect((await api("POST", "/api/auth/login", { body: { email: disabled.email, password: disabled.password } })).status).toBe(403);
  });
});

describe("password changes end other sessions", () => {
  it("V3.3.3 V2.1.6 a password change needs the current password, rotates this session and ends the others", async () => {
    const member = await newMember(base);
    const other = await signIn(base, member.email, member.password);
    const newPassword = strongPassword();
    const wrong = await api("POST", "/api/auth/change-password", { cookie: member.cookie, body: { currentPassword: strongPassword(), newPassword } });
    expect(wrong.status).toBe(401);
    expect(await sessionStatus(other.cookie)).toBe(200);

    const res = await api("POST", "/api/auth/change-password", { cookie: member.cookie, body: { currentPassword: member.password, newPassword } });
    expect(res.status).toBe(204);
    const rotated = sessionCookie(res);
    expect(rotated).not.toBeNull();
    expect(rotated).not.toBe(member.cookie);
    expect(await sessionStatus(member.cookie)).toBe(401);
    expect(await sessionStatus(other.cookie)).toBe(401);
    expect(await sessionStatus(rotated!)).toBe(200);
  });

  it("V3.3.3 a password reset ends every session of the account", async () => {
    const member = await newMember(base);
    expect((await api("POST", "/api/auth/forgot-password", { body: { email: member.email } })).status).toBe(202);
    const token = await linkToken(base, member.email, "reset");
    expect((await api("POST", "/api/auth/reset-password", { body: { token, password: strongPassword() } })).status).toBe(204);
    expect(await sessionStatus(member.cookie)).toBe(401);
    expect(await strictStatus(member.cookie)).toBe(401);
  });
});

describe("session lifetime", () => {
  it("V3.3.2 a session reports an expiry within the 7-day idle timeout and keeps it server-side", async () => {
    const member = await newMember(base);
    const body = (await (await api("GET", "/api/auth/session", { cookie: member.cookie })).json()) as {
      session: { createdAt: number; expiresAt: number };
    };
    const now = Math.floor(Date.now() / 1000);
    expect(body.session.expiresAt).toBeGreaterThan(now);
    expect(body.session.expiresAt - body.session.createdAt).toBeLessThanOrEqual(7 * 24 * 3600);
  });
});
