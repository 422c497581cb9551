import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, PASSWORD, problemOf, sessionCookie } from "../helpers";
import { json, signedInAdmin, userIdOf } from "../admin/fixtures";
import { challengeCookie, cookies, signInWithPasskey, userWithPasskey, type SoftwareAuthenticator } from "../passkeys/support";
import { auditOf, enrolTotp, fakeClock, firstStep, verify } from "./support";

afterEach(() => vi.useRealTimers());

/** Options for a passkey answer (second step or step-up): the allowed ids, the challenge, this browser's cookie. */
async function passkeyOptions(path: string, cookie: string) {
  const res = await call("POST", path, { cookie });
  expect(res.status).toBe(200);
  const { options } = (await res.json()) as { options: { challenge: string; allowCredentials: Array<{ id: string }> } };
  return { challenge: options.challenge, allowed: options.allowCredentials.map((c) => c.id), browser: challengeCookie(res) };
}

/** The second step answered by `authenticator`: options for the pending sign-in, then the assertion. */
async function secondStepWith(pending: string, authenticator: SoftwareAuthenticator) {
  const { challenge, browser } = await passkeyOptions("/api/auth/mfa/passkey/options", pending);
  const passkey = await authenticator.assert({ challenge });
  return { res: await verify(cookies(pending, browser), { passkey }), passkey, browser };
}

describe("a passkey as the second factor", () => {
  it("a password sign-in of an account with a passkey asks for it; the passkey completes the sign-in, audited", async () => {
    const user = await userWithPasskey("pk-2fa");
    const id = await userIdOf(user.email);
    const res = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(await res.json()).toEqual({ mfaRequired: true, methods: ["passkey"] });
    expect(sessionCookie(res)).toBeNull();
    const pending = await firstStep(user.email);
    // The options name this account's passkeys only.
    expect((await passkeyOptions("/api/auth/mfa/passkey/options", pending)).allowed).toEqual([user.passkeyId]);
    const { res: done } = await secondStepWith(pending, user.authenticator);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ user: { email: user.email } });
    expect((await call("GET", "/api/auth/session", { cookie: sessionCookie(done) })).status).toBe(200);
    const succeeded = (await auditOf(id)).filter((e) => e.action === "auth.login.succeeded").at(-1)!;
    expect(JSON.parse(succeeded.detail)).toMatchObject({ secondFactor: "passkey", passkeyId: user.passkeyId });
    expect(await (await call("GET", "/api/account/mfa", { cookie: user.session })).json()).toEqual({ totp: false, recoveryCodesLeft: 0, passkeys: 1, methods: ["passkey"] });
  });

  it("another account's passkey is refused and counted; a replayed answer is refused", async () => {
    const user = await userWithPasskey("pk-2fa-own");
    const other = await userWithPasskey("pk-2fa-other");
    const pending = await firstStep(user.email);
    const { res: wrong } = await secondStepWith(pending, other.authenticator);
    expect((await problemOf(wrong)).code).toBe("PASSKEY_NOT_ACCEPTED");
    expect(sessionCookie(wrong)).toBeNull();
    const failed = (await auditOf(await userIdOf(user.email))).filter((e) => e.action === "auth.mfa.failed");
    expect(failed.map((e) => JSON.parse(e.detail))).toEqual([expect.objectContaining({ method: "passkey", attemptsLeft: 4, reason: expect.any(String) })]);
    const { res: right, passkey, browser } = await secondStepWith(pending, user.authenticator);
    expect(right.status).toBe(200);
    // The same answer again, in a new pending sign-in of the same browser: its challenge is spent.
    const replay = await verify(cookies(await firstStep(user.email), browser), { passkey });
    expect((await problemOf(replay)).code).toBe("PASSKEY_CHALLENGE_INVALID");
    expect(sessionCookie(replay)).toBeNull();
  });

  it("options need the pending sign-in: without its cookie (or with only a session) 401", async () => {
    const user = await userWithPasskey("pk-2fa-options");
    for (const cookie of ["", user.session]) {
      const res = await call("POST", "/api/auth/mfa/passkey/options", { cookie });
      expect(res.status).toBe(401);
      expect((await problemOf(res)).code).toBe("SIGN_IN_EXPIRED");
    }
  });

  it("a usernameless passkey sign-in completes on its own, even with TOTP on", async () => {
    const user = await userWithPasskey("pk-2fa-alone");
    await enrolTotp(user.session);
    const res = await signInWithPasskey(user.authenticator);
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).not.toBeNull();
  });
});

describe("step-up with a passkey", () => {
  it("clears REAUTH_REQUIRED; the options need a session", async () => {
    const advance = fakeClock();
    const user = await userWithPasskey("pk-step-up");
    advance(601);
    const sensitive = () => call("POST", "/api/account/passkeys/options", { cookie: user.session });
    expect((await problemOf(await sensitive())).code).toBe("REAUTH_REQUIRED");
    expect((await call("POST", "/api/auth/reauthenticate/passkey/options")).status).toBe(401);
    const { challenge, allowed, browser } = await passkeyOptions("/api/auth/reauthenticate/passkey/options", user.session);
    expect(allowed).toEqual([user.passkeyId]);
    const passkey = await user.authenticator.assert({ challenge });
    const res = await call("POST", "/api/auth/reauthenticate", { cookie: cookies(user.session, browser), body: { passkey } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { authenticatedAt: number }).authenticatedAt).toBe(Math.floor(Date.now() / 1000));
    expect((await sensitive()).status).toBe(200);
  });
});

describe("admin reset with passkeys", () => {
  it("the status counts passkeys; the reset removes them, and the password alone signs in", async () => {
    const admin = await signedInAdmin();
    const user = await userWithPasskey("pk-reset");
    const id = await userIdOf(user.email);
    const view = async () => json<{ user: { mfa: object } }>(await call("GET", `/api/admin/users/${id}`, { cookie: admin.cookie }));
    expect((await view()).user.mfa).toEqual({ totp: false, recoveryCodesLeft: 0, passkeys: 1 });
    expect(await (await call("DELETE", `/api/admin/users/${id}/mfa`, { cookie: admin.cookie })).json()).toEqual({ reset: true });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM passkeys WHERE user_id = ?").bind(id).first()).toEqual({ n: 0 });
    expect((await view()).user.mfa).toEqual({ totp: false, recoveryCodesLeft: 0, passkeys: 0 });
    const reset = (await auditOf(id)).find((e) => e.action === "user.mfa_reset")!;
    expect(JSON.parse(reset.detail)).toEqual({ hadTotp: false, passkeysRemoved: 1 });
    const login = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(sessionCookie(login)).not.toBeNull();
  });
});
