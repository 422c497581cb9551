import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256, type AdminUser } from "@workers-users/shared";
import { json, signedInAdmin, signedInWith, userIdOf } from "../admin/fixtures";
import { call, latestToken, login, outbox, PASSWORD, problemOf, register, sessionCookie, uniqueEmail, verifiedUser } from "../helpers";
import { callWith, wrappedSessionBinding } from "./broken-bindings";

// Sign-in abuse: credentials that change mid-login, lockout used against the owner, mail floods.
// One file, so one workerd start, for three sets of invariants. Fake clocks never outlive a test.
afterEach(() => vi.useRealTimers());

const NEW_PASSWORD = "a brand new passphrase";

/**
 * Signs in with `password` while `change` lands after the password was checked and
 * before the session is created: the seam is the SESSION binding, production code is untouched.
 */
async function loginRacing(email: string, password: string, change: () => Promise<void>): Promise<Response> {
  const SESSION = wrappedSessionBinding({
    create: (real) => async (...args) => {
      await change();
      return real(...args);
    },
  }) as unknown as Env["SESSION"];
  return callWith({ SESSION }, "POST", "/api/auth/login", { body: { email, password } });
}

/** Every live session of the user, as the D1 index holds them. */
const indexed = async (userId: string) =>
  (await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?").bind(userId).all()).results.length;

describe("changes to credentials win races with a sign-in in flight (ASVS 3.3.3)", () => {
  it("a password change that lands during a login with the old password leaves that login without a session", async () => {
    const email = await verifiedUser();
    const owner = await login(email);
    const res = await loginRacing(email, PASSWORD, async () => {
      const changed = await call("POST", "/api/auth/change-password", { cookie: owner, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
      expect(changed.status).toBe(204);
    });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("INVALID_CREDENTIALS");
    expect(sessionCookie(res)).toBeNull();
    // Only the changing device's new session exists.
    expect(await indexed(await userIdOf(email))).toBe(1);
  });

  it("a password reset that lands during a login leaves that login without a session", async () => {
    const email = await verifiedUser();
    await call("POST", "/api/auth/forgot-password", { body: { email } });
    const token = await latestToken(email, "reset");
    const res = await loginRacing(email, PASSWORD, async () => {
      expect((await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
    });
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toBeNull();
    expect(await indexed(await userIdOf(email))).toBe(0);
  });

  it("disabling the user during a login leaves that login without a session", async () => {
    const admin = await signedInAdmin();
    const email = await verifiedUser();
    const id = await userIdOf(email);
    const res = await loginRacing(email, PASSWORD, async () => {
      expect((await call("PATCH", `/api/admin/users/${id}`, { cookie: admin.cookie, body: { disabled: true } })).status).toBe(200);
    });
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toBeNull();
    expect(await indexed(id)).toBe(0);
  });

  it("a change that lands before the sign-in began does not stop it", async () => {
    const email = await verifiedUser();
    const res = await loginRacing(email, PASSWORD, async () => undefined);
    expect(res.status).toBe(200);
  });

  it("strict checks refuse a session whose epoch is not the user's, even if its revocation was lost", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    const id = await userIdOf(email);
    // What a password change does to the user, without the revocation that normally follows it.
    await env.DB.prepare("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE id = ?").bind(id).run();
    expect((await call("POST", "/api/auth/logout-all", { cookie })).status).toBe(401);
  });
});

const WRONG = "not the password at all";

const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

const attempt = (email: string, password: string, device?: string) =>
  call("POST", "/api/auth/login", { body: { email, password }, cookie: device ?? null });

/** `name=value` of the device cookie a response sets, or null. */
function deviceCookie(res: Response): string | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-device="));
  return header ? header.split(";")[0]! : null;
}

/** Signs in once from a fresh browser and returns the device cookie it was given. */
async function trustedBrowser(email: string): Promise<string> {
  const res = await attempt(email, PASSWORD);
  expect(res.status).toBe(200);
  return deviceCookie(res)!;
}

/** Fails until the account (or the device) is locked, waiting out each delay as a patient attacker would. */
async function lockOut(email: string, device?: string): Promise<void> {
  for (let failures = 0; failures < 10; ) {
    const res = await attempt(email, WRONG, device);
    if (res.status === 429) advance(Number(res.headers.get("retry-after")));
    else failures++;
  }
  expect((await attempt(email, PASSWORD, device)).status).toBe(429);
}

const fakeClock = () => vi.useFakeTimers({ toFake: ["Date"] });

describe("lockout cannot be used against the owner (device cookies, ASVS 2.2.1)", () => {
  beforeEach(fakeClock);
  it("a browser that signed in before still signs in while failures from elsewhere lock the account", async () => {
    const email = await verifiedUser();
    const device = await trustedBrowser(email);
    await lockOut(email);
    const owner = await attempt(email, PASSWORD, device);
    expect(owner.status).toBe(200);
    expect(sessionCookie(owner)).not.toBeNull();
    // Everyone else still waits out the lock.
    expect((await attempt(email, PASSWORD)).status).toBe(429);
  });

  it("the trusted browser's own failures spend its own budget, not the account's", async () => {
    const email = await verifiedUser();
    const device = await trustedBrowser(email);
    for (let i = 0; i < 5; i++) expect((await attempt(email, WRONG, device)).status).toBe(401);
    expect((await attempt(email, PASSWORD, device)).status).toBe(429);
    // A browser without the cookie has its full budget.
    expect((await attempt(email, PASSWORD)).status).toBe(200);
  });

  it("a stolen device cookie is locked after its own ten failures", async () => {
    const email = await verifiedUser();
    const device = await trustedBrowser(email);
    await lockOut(email, device);
    expect(Number((await attempt(email, PASSWORD, device)).headers.get("retry-after"))).toBe(900);
    expect((await attempt(email, PASSWORD)).status).toBe(200);
  });

  it("a device cookie of another account, or a made-up one, counts as no cookie", async () => {
    const email = await verifiedUser();
    const other = await trustedBrowser(await verifiedUser("other"));
    await lockOut(email);
    expect((await attempt(email, PASSWORD, other)).status).toBe(429);
    expect((await attempt(email, PASSWORD, `__Host-device=${"A".repeat(43)}`)).status).toBe(429);
  });

  it("is __Host-, Secure, HttpOnly, SameSite=Strict, for a year; D1 keeps only its hash", async () => {
    const email = await verifiedUser();
    const res = await attempt(email, PASSWORD);
    const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-device="))!;
    const attributes = header.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=strict", "path=/", `max-age=${365 * 24 * 3600}`]));
    expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
    const token = deviceCookie(res)!.split("=")[1]!;
    const { results } = await env.DB.prepare("SELECT token_hash FROM trusted_devices WHERE user_id = ?").bind(await userIdOf(email)).all<{ token_hash: string }>();
    expect(results.map((r) => r.token_hash)).toContain(await sha256(token));
    expect(results.map((r) => r.token_hash)).not.toContain(token);
    // A browser that is trusted already is not given a new cookie.
    expect(deviceCookie(await attempt(email, PASSWORD, deviceCookie(res)!))).toBeNull();
  });

  it("keeps at most ten trusted browsers per user, the most recently used", async () => {
    const email = await verifiedUser();
    for (let i = 0; i < 12; i++) await trustedBrowser(email);
    const { results } = await env.DB.prepare("SELECT 1 FROM trusted_devices WHERE user_id = ?").bind(await userIdOf(email)).all();
    expect(results).toHaveLength(10);
  });
});

describe("admin unlock: POST /api/admin/users/:id/unlock (users:write)", () => {
  beforeEach(fakeClock);
  it("shows the lock and lifts it, for the account and for its browsers", async () => {
    const admin = await signedInAdmin();
    const email = await verifiedUser();
    const id = await userIdOf(email);
    const device = await trustedBrowser(email);
    await lockOut(email);
    await lockOut(email, device);
    const seen = await json<{ user: AdminUser }>(await call("GET", `/api/admin/users/${id}`, { cookie: admin.cookie }));
    expect(seen.user.lockedUntil).toBeGreaterThan(Date.now() / 1000);
    const res = await call("POST", `/api/admin/users/${id}/unlock`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect((await json<{ user: AdminUser }>(res)).user.lockedUntil).toBeNull();
    expect((await attempt(email, PASSWORD)).status).toBe(200);
    expect((await attempt(email, PASSWORD, device)).status).toBe(200);
    const audit = await env.DB.prepare("SELECT actor_id FROM audit_log WHERE action = 'user.unlocked' AND target = ?").bind(id).first();
    expect(audit).toEqual({ actor_id: admin.id });
  });

  it("needs users:write, and is refused for a user holding more than the caller", async () => {
    const admin = await signedInAdmin();
    const reader = await signedInWith(["users:read"], "reader");
    expect((await call("POST", `/api/admin/users/${admin.id}/unlock`, { cookie: reader.cookie })).status).toBe(403);
    expect((await call("POST", "/api/admin/users/nobody/unlock", { cookie: admin.cookie })).status).toBe(404);
    const anonymous = await call("POST", `/api/admin/users/${admin.id}/unlock`);
    expect((await problemOf(anonymous)).code).toBe("UNAUTHENTICATED");
  });
});

describe("forgot-password always answers 202", () => {
  beforeEach(fakeClock);
  it("however often it is asked, for a known address and an unknown one", async () => {
    for (const email of [await verifiedUser(), `nobody-${crypto.randomUUID()}@example.com`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call("POST", "/api/auth/forgot-password", { body: { email } })).status);
      expect(statuses).toEqual(Array(12).fill(202));
    }
  });
});


const forgot = (email: string) => call("POST", "/api/auth/forgot-password", { body: { email } });

describe("mail cannot be used to flood: 3 messages per address per hour, register, forgot-password and resend-verification together", () => {
  it("ten registrations of one address send three messages, and answer alike", async () => {
    const email = uniqueEmail();
    const answers = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await register(email);
      expect(res.status).toBe(202);
      answers.add(await res.text());
    }
    expect(answers.size).toBe(1);
    expect(await outbox(email)).toHaveLength(3);
  });

  it("register and forgot-password share the budget", async () => {
    const email = await verifiedUser();
    // verifiedUser's registration took one; two more go out, then nothing.
    for (let i = 0; i < 3; i++) expect((await forgot(email)).status).toBe(202);
    expect((await register(email, PASSWORD)).status).toBe(202);
    expect(await outbox(email)).toHaveLength(3);
  });

  it("resend-verification spends the same budget, and answers alike beyond it", async () => {
    const email = uniqueEmail();
    expect((await register(email)).status).toBe(202);
    const answers = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await call("POST", "/api/auth/resend-verification", { body: { email } });
      expect(res.status).toBe(202);
      answers.add(await res.text());
    }
    expect(answers.size).toBe(1);
    expect(await outbox(email)).toHaveLength(3);
  });

  it("beyond the budget, a registration changes nothing: the earlier password and link stay", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) await register(email, "the owner's password");
    const before = (await outbox(email))[0]!.text;
    await register(email, "squatter's own password");
    const link = before.match(/token=([\w-]+)/)![1]!;
    const verify = await call("POST", "/api/auth/verify-email", { body: { token: link, password: "the owner's password" } });
    expect(verify.status).toBe(200);
  });

  it("the budget comes back an hour after the first message", async () => {
    const email = uniqueEmail();
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 4; i++) await register(email);
    expect(await outbox(email)).toHaveLength(3);
    vi.setSystemTime(Date.now() + 3600 * 1000 + 1000);
    await register(email);
    expect(await outbox(email)).toHaveLength(4);
  });
});
