import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, latestToken, login, register, uniqueEmail, verifiedUser, problemOf } from "../helpers";

describe("register → verify → login → session", () => {
  it("walks the whole happy path", async () => {
    const email = uniqueEmail();
    const res = await register(email, "correct horse battery staple", "Ada");
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "verification_sent" });

    const early = await call("POST", "/api/auth/login", { body: { email, password: "correct horse battery staple" } });
    expect(early.status).toBe(403);
    expect((await problemOf(early)).code).toBe("EMAIL_NOT_VERIFIED");

    const token = await latestToken(email, "verify");
    const verified = await call("POST", "/api/auth/verify-email", { body: { token, password: "correct horse battery staple" } });
    expect(verified.status).toBe(200);

    const cookie = await login(email);
    const session = await call("GET", "/api/auth/session", { cookie });
    expect(session.status).toBe(200);
    const body = (await session.json()) as { user: { email: string; name: string; emailVerified: boolean } };
    expect(body.user).toMatchObject({ email, name: "Ada", emailVerified: true });
  });

  it("logs out", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(401);
  });
});

it("answers health", async () => {
  const res = await exports.default.fetch("http://example.test/api/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
