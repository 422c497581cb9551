import { afterEach, describe, expect, it, vi } from "vitest";
import { call, latestToken, login, PASSWORD, problemOf, register, sessionCookie, uniqueEmail, verifiedUser } from "../helpers";

afterEach(() => vi.useRealTimers());

describe("POST /api/auth/login", () => {
  it("sets a __Host- cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const email = await verifiedUser();
    const res = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="))!;
    const attributes = header.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
    // The session's absolute expiry counted down from when the session Worker made it: under
    // load a second can pass before the user Worker writes the cookie.
    const maxAge = Number(attributes.find((a) => a.startsWith("max-age="))?.slice("max-age=".length));
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
    expect(maxAge).toBeGreaterThanOrEqual(30 * 24 * 3600 - 2);
    const body = (await res.json()) as { user: { email: string; emailVerified: boolean } };
    expect(body.user).toMatchObject({ email, emailVerified: true });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const email = await verifiedUser();
    const wrong = await call("POST", "/api/auth/login", { body: { email, password: "wrong password!!" } });
    const unknown = await call("POST", "/api/auth/login", { body: { email: uniqueEmail(), password: "wrong password!!" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
    expect(sessionCookie(wrong)).toBeNull();
  });

  it("tells an unverified account only after a correct password", async () => {
    const email = uniqueEmail();
    await register(email);
    const wrong = await call("POST", "/api/auth/login", { body: { email, password: "wrong password!!" } });
    expect((await problemOf(wrong)).code).toBe("INVALID_CREDENTIALS");
    const right = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(right.status).toBe(403);
    expect((await problemOf(right)).code).toBe("EMAIL_NOT_VERIFIED");
  });

  it("accepts the address in another case and with spaces", async () => {
    const email = await verifiedUser();
    await login(`  ${email.toUpperCase()} `);
  });

  it("rotates the token: a cookie presented at login dies", async () => {
    const email = await verifiedUser();
    const before = await login(email);
    const res = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD }, cookie: before });
    const after = sessionCookie(res)!;
    expect(after).not.toBe(before);
    expect((await call("GET", "/api/auth/session", { cookie: before })).status).toBe(401);
    expect((await call("GET", "/api/auth/session", { cookie: after })).status).toBe(200);
  });
});

describe("GET /api/auth/session", () => {
  it("returns the user and the session", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    const res = await call("GET", "/api/auth/session", { cookie });
    const body = (await res.json()) as { user: Record<string, unknown>; session: Record<string, unknown> };
    expect(Object.keys(body.user).sort()).toEqual(["email", "emailVerified", "id", "name", "permissions", "roles"]);
    expect(Object.keys(body.session).sort()).toEqual(["createdAt", "expiresAt", "id"]);
    expect(body.session.expiresAt).toBeGreaterThan(body.session.createdAt as number);
  });

  it.each([null, "__Host-session=", "__Host-session=forged", `__Host-session=${"x".repeat(500)}`])(
    "answers 401 UNAUTHENTICATED to cookie %s",
    async (cookie) => {
      const res = await call("GET", "/api/auth/session", { cookie });
      expect(res.status).toBe(401);
      expect((await problemOf(res)).code).toBe("UNAUTHENTICATED");
    },
  );
});

describe("logout", () => {
  it("clears the cookie with the same attributes", async () => {
    const cookie = await login(await verifiedUser());
    const res = await call("POST", "/api/auth/logout", { cookie });
    expect(res.status).toBe(204);
    const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="))!;
    expect(header).toMatch(/Max-Age=0/i);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Path=\//);
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(401);
  });

  it("answers 204 without a session", async () => {
    expect((await call("POST", "/api/auth/logout")).status).toBe(204);
  });

  it("logout-all revokes every session of the user", async () => {
    const email = await verifiedUser();
    const [a, b] = [await login(email), await login(email)];
    expect((await call("POST", "/api/auth/logout-all", { cookie: a })).status).toBe(204);
    expect((await call("GET", "/api/auth/session", { cookie: a })).status).toBe(401);
    expect((await call("GET", "/api/auth/session", { cookie: b })).status).toBe(401);
  });

  it("logout-all without a session is 401", async () => {
    expect((await call("POST", "/api/auth/logout-all")).status).toBe(401);
  });
});
