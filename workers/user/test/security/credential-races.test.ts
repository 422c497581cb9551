import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signedInAdmin, userIdOf } from "../admin/fixtures";
import { call, latestToken, login, PASSWORD, problemOf, sessionCookie, verifiedUser } from "../helpers";
import { callWith, wrappedSessionBinding } from "./broken-bindings";

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
