import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256, type AdminUser } from "@workers-users/shared";
import { json, signedInAdmin, signedInWith, userIdOf } from "../admin/fixtures";
import { call, PASSWORD, problemOf, sessionCookie, verifiedUser } from "../helpers";

const WRONG = "not the password at all";

beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
afterEach(() => vi.useRealTimers());
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

describe("lockout cannot be used against the owner (device cookies, ASVS 2.2.1)", () => {
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
  it("however often it is asked, for a known address and an unknown one", async () => {
    for (const email of [await verifiedUser(), `nobody-${crypto.randomUUID()}@example.com`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call("POST", "/api/auth/forgot-password", { body: { email } })).status);
      expect(statuses).toEqual(Array(12).fill(202));
    }
  });
});
