import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "@workers-users/shared";
import { RECENT_AUTH_SECONDS } from "../../src/mfa/recent-auth";
import document from "../../src/openapi/openapi.json";
import { call, login, outbox, PASSWORD, problemOf, verifiedUser } from "../helpers";
import { signedInAdmin } from "../admin/fixtures";
import { codeAt, fakeClock, firstStep, T0, userWithTotp } from "./support";

afterEach(() => vi.useRealTimers());

interface Doc {
  paths: Record<string, Record<string, { "x-recent-auth"?: boolean }>>;
}

/** Every operation the API marks as needing a recent authentication, from the generated document. */
async function recentAuthRoutes(): Promise<Array<{ method: string; path: string }>> {
  const doc = document as unknown as Doc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([, op]) => op["x-recent-auth"] === true).map(([method]) => ({ method: method.toUpperCase(), path })),
  );
}

const reauthenticate = (cookie: string, body: object) => call("POST", "/api/auth/reauthenticate", { cookie, body });

describe("step-up: sensitive actions need an authentication within the last 10 minutes", () => {
  it("covers admin writes, password and email change, every change of second factors, and account deletion", async () => {
    const marked = (await recentAuthRoutes()).map((r) => `${r.method} ${r.path}`);
    expect(marked).toEqual(
      expect.arrayContaining([
        "POST /api/auth/change-password",
        "POST /api/account/email",
        "DELETE /api/account",
        "POST /api/account/mfa/totp",
        "POST /api/account/mfa/totp/confirm",
        "DELETE /api/account/mfa/totp",
        "POST /api/account/mfa/recovery-codes",
        "DELETE /api/admin/users/{id}/mfa",
      ]),
    );
    const doc = document as unknown as Doc;
    const adminWrites = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/admin"))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== "get").map((m) => `${m.toUpperCase()} ${path}`));
    expect(adminWrites.length).toBeGreaterThan(10);
    expect(marked).toEqual(expect.arrayContaining(adminWrites));
    expect(RECENT_AUTH_SECONDS).toBe(600);
  });

  it("each answers 401 REAUTH_REQUIRED past 10 minutes, and gets past that check once the password is proven again", async () => {
    const advance = fakeClock();
    const admin = await signedInAdmin();
    const routes = await recentAuthRoutes();
    const send = (r: { method: string; path: string }) =>
      call(r.method, r.path.replace(/\{\w+\}/g, "x"), { cookie: admin.cookie, body: r.method === "GET" ? undefined : {} });
    advance(RECENT_AUTH_SECONDS + 1);
    for (const r of routes) expect((await problemOf(await send(r))).code, `${r.method} ${r.path}`).toBe("REAUTH_REQUIRED");
    // Reads stay open: a stale session still sees the admin pages and its account.
    expect((await call("GET", "/api/admin/users", { cookie: admin.cookie })).status).toBe(200);
    expect((await reauthenticate(admin.cookie, { password: PASSWORD })).status).toBe(200);
    for (const r of routes) {
      const res = await send(r);
      if (res.status === 401) expect((await problemOf(res)).code, `${r.method} ${r.path}`).not.toBe("REAUTH_REQUIRED");
    }
    // Two requests per marked route: it grows with the API, not with a fixed budget.
  }, 20_000);

  it("a real action: removing TOTP past 10 minutes needs a fresh authentication, even with the right password", async () => {
    const advance = fakeClock();
    const user = await userWithTotp("remove");
    advance(RECENT_AUTH_SECONDS + 1);
    const refused = await call("DELETE", "/api/account/mfa/totp", { cookie: user.cookie, body: { password: PASSWORD } });
    expect((await problemOf(refused)).code).toBe("REAUTH_REQUIRED");
    expect((await problemOf(await reauthenticate(user.cookie, { code: "000000" }))).code).toBe("INVALID_MFA_CODE");
    const fresh = await reauthenticate(user.cookie, { code: codeAt(user.secret) });
    expect(await fresh.json()).toEqual({ authenticatedAt: T0 + RECENT_AUTH_SECONDS + 1 });
    expect((await call("DELETE", "/api/account/mfa/totp", { cookie: user.cookie, body: { password: PASSWORD } })).status).toBe(204);
    // Off: the password alone signs in again.
    expect(await (await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } })).json()).toHaveProperty("user");
    // The owner hears of both changes (the mailbox waits for mail in flight).
    expect((await outbox(user.email)).map((m) => m.subject)).toEqual(expect.arrayContaining(["Two-step verification is on", "Two-step verification is off"]));
  });

  it("the authentication time is read from D1: a location's KV cannot make an old session look fresh", async () => {
    const email = await verifiedUser("strict");
    const cookie = await login(email);
    const token = cookie.split("=")[1]!;
    await env.DB.prepare("UPDATE sessions SET authenticated_at = 0 WHERE token_hash = ?").bind(await sha256(token)).run();
    expect((await problemOf(await call("POST", "/api/account/mfa/totp", { cookie }))).code).toBe("REAUTH_REQUIRED");
    expect((await reauthenticate(cookie, { password: PASSWORD })).status).toBe(200);
    expect((await call("POST", "/api/account/mfa/totp", { cookie })).status).toBe(200);
  });

  it("a sign-in completed with the second factor counts as a fresh authentication; a wrong password to re-authenticate is a failed login", async () => {
    const advance = fakeClock();
    const user = await userWithTotp("fresh");
    advance(RECENT_AUTH_SECONDS + 1);
    const done = await call("POST", "/api/auth/mfa/verify", { cookie: await firstStep(user.email), body: { code: codeAt(user.secret) } });
    const session = done.headers.getSetCookie().find((c) => c.startsWith("__Host-session="))!.split(";")[0]!;
    expect((await call("POST", "/api/account/mfa/recovery-codes", { cookie: session })).status).toBe(200);
    expect((await problemOf(await reauthenticate(user.cookie, { password: "not the password at all" }))).code).toBe("INVALID_CREDENTIALS");
    expect((await problemOf(await reauthenticate(user.cookie, {}))).code).toBe("VALIDATION_FAILED");
  });
});
