import { afterEach, describe, expect, it, vi } from "vitest";
import { call, latestToken, login, outbox, PASSWORD, problemOf, sessionCookie, uniqueEmail, verifiedUser } from "../helpers";

const NEW_PASSWORD = "a brand new passphrase";
afterEach(() => vi.useRealTimers());

async function forgot(email: string): Promise<Response> {
  return call("POST", "/api/auth/forgot-password", { body: { email } });
}

describe("forgot and reset", () => {
  it("answers every address the same and mails a link only to accounts", async () => {
    const email = await verifiedUser();
    const stranger = uniqueEmail();
    const [known, unknown] = [await forgot(email), await forgot(stranger)];
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    expect((await outbox(email))[0]?.text).toMatch(/http:\/\/127\.0\.0\.1:8787\/reset\?token=/);
    expect(await outbox(stranger)).toHaveLength(0);
  });

  it("resets the password, signs out every device and spends the token", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    await forgot(email);
    const token = await latestToken(email, "reset");
    expect((await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(401);
    await login(email, NEW_PASSWORD);
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
    const again = await call("POST", "/api/auth/reset-password", { body: { token, password: "yet another passphrase" } });
    expect((await problemOf(again)).code).toBe("INVALID_TOKEN");
  });

  it("keeps the link usable when the new password is rejected", async () => {
    const email = await verifiedUser();
    await forgot(email);
    const token = await latestToken(email, "reset");
    const weak = await call("POST", "/api/auth/reset-password", { body: { token, password: "short" } });
    expect((await problemOf(weak)).code).toBe("VALIDATION_FAILED");
    expect((await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
  });

  it("expires reset links after 30 minutes", async () => {
    const email = await verifiedUser();
    await forgot(email);
    const token = await latestToken(email, "reset");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30 * 60 * 1000 + 1000);
    const res = await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } });
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("retires an older link when a newer one is issued", async () => {
    const email = await verifiedUser();
    await forgot(email);
    const older = await latestToken(email, "reset");
    await forgot(email);
    const res = await call("POST", "/api/auth/reset-password", { body: { token: older, password: NEW_PASSWORD } });
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("lets exactly one of two concurrent redemptions of a link succeed", async () => {
    const email = await verifiedUser();
    await forgot(email);
    const token = await latestToken(email, "reset");
    const answers = await Promise.all(
      ["first concurrent pass", "second concurrent pass"].map((password) => call("POST", "/api/auth/reset-password", { body: { token, password } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([204, 400]);
  });
});

describe("POST /api/auth/change-password", () => {
  it("rotates this session, revokes the others and keeps this session's data", async () => {
    const email = await verifiedUser();
    const [mine, other] = [await login(email), await login(email)];
    await call("PUT", "/api/session/data", { cookie: mine, body: { data: { theme: "dark" } } });
    const res = await call("POST", "/api/auth/change-password", { cookie: mine, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(204);
    const rotated = sessionCookie(res)!;
    expect(rotated).not.toBe(mine);
    expect((await call("GET", "/api/auth/session", { cookie: mine })).status).toBe(401);
    expect((await call("GET", "/api/auth/session", { cookie: other })).status).toBe(401);
    const data = await call("GET", "/api/session/data", { cookie: rotated });
    expect(await data.json()).toEqual({ data: { theme: "dark" } });
    await login(email, NEW_PASSWORD);
  });

  it("refuses a wrong current password with 401 INVALID_CREDENTIALS and changes nothing", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    const res = await call("POST", "/api/auth/change-password", { cookie, body: { currentPassword: "not my password", newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("INVALID_CREDENTIALS");
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(200);
    await login(email);
  });

  it("applies the policy to the new password", async () => {
    const cookie = await login(await verifiedUser());
    const res = await call("POST", "/api/auth/change-password", { cookie, body: { currentPassword: PASSWORD, newPassword: "short" } });
    const problem = await problemOf(res);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors?.[0]?.path).toBe("newPassword");
  });

  it("refuses the current password as the new one with 400 and signs nobody out", async () => {
    const email = await verifiedUser();
    const [mine, other] = [await login(email), await login(email)];
    const res = await call("POST", "/api/auth/change-password", { cookie: mine, body: { currentPassword: PASSWORD, newPassword: PASSWORD.normalize("NFKD") } });
    const problem = await problemOf(res);
    expect(res.status).toBe(400);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors).toEqual([{ path: "newPassword", message: "Choose a password different from your current one." }]);
    for (const cookie of [mine, other]) expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(200);
  });

  it("kills outstanding reset links", async () => {
    const email = await verifiedUser();
    const cookie = await login(email);
    await forgot(email);
    const token = await latestToken(email, "reset");
    await call("POST", "/api/auth/change-password", { cookie, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    const res = await call("POST", "/api/auth/reset-password", { body: { token, password: "attacker chosen pass" } });
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("requires a session", async () => {
    const res = await call("POST", "/api/auth/change-password", { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(401);
  });
});
