import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { app } from "../src/app";
import { call, login, ORIGIN, problemOf, sessionCookie, verifiedUser, withinOneRateWindow } from "./helpers";
import { MAX_PASSKEYS_PER_USER } from "../src/passkeys/account-routes";
import {
  addPasskey,
  challengeCookie,
  cookies,
  RP_ORIGIN,
  signInOptions,
  signInWithPasskey,
  SoftwareAuthenticator,
  userWithPasskey,
} from "./passkeys/support";

const codeOf = async (res: Response) => (await problemOf(res)).code;
const list = async (session: string) =>
  ((await (await call("GET", "/api/account/passkeys", { cookie: session })).json()) as { passkeys: Array<{ id: string; name: string; lastUsedAt: number | null }> }).passkeys;

describe("registering a passkey", () => {
  test("adds it to the account with its name; the list shows when it was added and last used", async () => {
    const { session, passkeyId } = await userWithPasskey();
    const [listed] = await list(session);
    expect(listed).toMatchObject({ id: passkeyId, name: "Passkey", lastUsedAt: null, backedUp: false });
    const stored = await env.DB.prepare("SELECT counter, transports FROM passkeys WHERE id = ?").bind(passkeyId).first();
    expect(stored).toEqual({ counter: 0, transports: '["internal"]' });
  });

  test("refuses an answer made for another origin or another RP ID, and stores nothing", async () => {
    const session = await login(await verifiedUser("pk-reg"));
    for (const wrong of [{ origin: "https://evil.example" }, { rpId: "evil.example" }, { userVerified: false }]) {
      const res = await addPasskey(session, new SoftwareAuthenticator(), wrong);
      expect(res.status, JSON.stringify(wrong)).toBe(400);
      expect(await codeOf(res)).toBe("PASSKEY_REGISTRATION_FAILED");
    }
    expect(await list(session)).toEqual([]);
  });

  test("needs this browser's challenge: another browser's cookie, or none, adds nothing", async () => {
    const session = await login(await verifiedUser("pk-browser"));
    const opts = await call("POST", "/api/account/passkeys/options", { cookie: session });
    const { options } = (await opts.json()) as { options: { challenge: string; user: { id: string } } };
    const response = await new SoftwareAuthenticator().register({ challenge: options.challenge }, options.user.id);
    for (const browser of [null, "__Host-passkey=" + "A".repeat(43)]) {
      const res = await call("POST", "/api/account/passkeys", { cookie: cookies(session, browser), body: { response } });
      expect(await codeOf(res)).toBe("PASSKEY_CHALLENGE_INVALID");
    }
    expect((await call("POST", "/api/account/passkeys", { cookie: cookies(session, challengeCookie(opts)), body: { response } })).status).toBe(201);
  });

  test("a registration challenge belongs to the account that asked: another one signed in here adds nothing with it", async () => {
    const first = await login(await verifiedUser("pk-first"));
    const second = await login(await verifiedUser("pk-second"));
    const opts = await call("POST", "/api/account/passkeys/options", { cookie: first });
    const { options } = (await opts.json()) as { options: { challenge: string; user: { id: string } } };
    const response = await new SoftwareAuthenticator().register({ challenge: options.challenge }, options.user.id);
    const res = await call("POST", "/api/account/passkeys", { cookie: cookies(second, challengeCookie(opts)), body: { response } });
    expect(await codeOf(res)).toBe("PASSKEY_CHALLENGE_INVALID");
    expect(await list(second)).toEqual([]);
  });

  test(`stops at ${MAX_PASSKEYS_PER_USER} passkeys per account`, async () => {
    const { session, email } = await userWithPasskey("pk-limit");
    const user = (await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first<{ id: string }>())!;
    const insert = env.DB.prepare("INSERT INTO passkeys (id, user_id, public_key, name, created_at) VALUES (?, ?, 'x', 'filler', 0)");
    await env.DB.batch(Array.from({ length: MAX_PASSKEYS_PER_USER - 1 }, (_, i) => insert.bind(`filler-${email}-${i}`, user.id)));
    const res = await call("POST", "/api/account/passkeys/options", { cookie: session });
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe("PASSKEY_LIMIT_REACHED");
  });
});

describe("signing in with a passkey", () => {
  test("usernameless: no address, no password, a session for the passkey's owner; audited and last use recorded", async () => {
    const { email, session, authenticator, passkeyId } = await userWithPasskey("pk-sign-in");
    const res = await signInWithPasskey(authenticator);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { email: string } }).user.email).toBe(email);
    const fresh = sessionCookie(res);
    expect(fresh).not.toBeNull();
    expect((await call("GET", "/api/auth/session", { cookie: fresh })).status).toBe(200);
    expect((await list(session))[0]!.lastUsedAt).toEqual(expect.any(Number));
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'auth.login.succeeded' AND detail LIKE ?").bind(`%${passkeyId}%`).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ method: "passkey", passkeyId });
  });

  test.each([
    ["a wrong origin", { origin: "https://evil.example" }],
    ["a wrong RP ID", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
    ["a registration answer in place of an assertion", { type: "webauthn.create" }],
  ])("refuses %s: 401, no session, a failed login in the audit", async (_, wrong) => {
    const { authenticator, email } = await userWithPasskey("pk-wrong");
    const res = await signInWithPasskey(authenticator, wrong);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("PASSKEY_NOT_ACCEPTED");
    expect(sessionCookie(res)).toBeNull();
    const failed = await env.DB.prepare(
      "SELECT a.detail FROM audit_log a JOIN users u ON u.id = a.target WHERE u.email = ? AND a.action = 'auth.login.failed'",
    ).bind(email).first<{ detail: string }>();
    expect(JSON.parse(failed!.detail)).toMatchObject({ method: "passkey", reason: expect.any(String) });
  });

  test("a replayed challenge is refused: each challenge is spent by its first answer", async () => {
    const { authenticator } = await userWithPasskey("pk-replay");
    const { challenge, browser } = await signInOptions();
    const response = await authenticator.assert({ challenge });
    expect((await call("POST", "/api/auth/passkey/verify", { cookie: browser, body: { response } })).status).toBe(200);
    const again = await call("POST", "/api/auth/passkey/verify", { cookie: browser, body: { response } });
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe("PASSKEY_CHALLENGE_INVALID");
    expect(sessionCookie(again)).toBeNull();
  });

  test("an expired challenge is refused, and so is one issued to another browser", async () => {
    const { authenticator } = await userWithPasskey("pk-expired");
    const { challenge, browser } = await signInOptions();
    const other = await signInOptions();
    const response = await authenticator.assert({ challenge });
    expect(await codeOf(await call("POST", "/api/auth/passkey/verify", { cookie: other.browser, body: { response } }))).toBe("PASSKEY_CHALLENGE_INVALID");
    // The wrong browser spent nothing: the right one still could, until it expires.
    await env.DB.prepare("UPDATE passkey_challenges SET expires_at = unixepoch() - 1").run();
    const late = await call("POST", "/api/auth/passkey/verify", { cookie: browser, body: { response } });
    expect(await codeOf(late)).toBe("PASSKEY_CHALLENGE_INVALID");
  });

  test("a signature counter that does not move forward is refused (a cloned authenticator)", async () => {
    const { authenticator } = await userWithPasskey("pk-counter");
    authenticator.counter = 5;
    expect((await signInWithPasskey(authenticator)).status).toBe(200); // counter 6
    for (const counter of [6, 3]) {
      const res = await signInWithPasskey(authenticator, { counter });
      expect(res.status, `counter ${counter}`).toBe(401);
      expect(sessionCookie(res)).toBeNull();
    }
    expect((await signInWithPasskey(authenticator)).status).toBe(200); // counter 7
  });

  test("an assertion whose user handle names another account is refused", async () => {
    const { authenticator } = await userWithPasskey("pk-handle");
    authenticator.userHandle = btoa(crypto.randomUUID()).replace(/=+$/, "");
    const res = await signInWithPasskey(authenticator);
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toBeNull();
  });

  test("an unknown passkey gets the same answer as a wrong signature", async () => {
    const res = await signInWithPasskey(new SoftwareAuthenticator());
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("PASSKEY_NOT_ACCEPTED");
  });

  test.each([
    ["disabled", "disabled_at = unixepoch()", "ACCOUNT_DISABLED"],
    ["unverified", "email_verified_at = NULL", "EMAIL_NOT_VERIFIED"],
  ])("refuses a %s account after a valid passkey, like the password login", async (_, change, code) => {
    const { email, authenticator } = await userWithPasskey("pk-refused");
    await env.DB.prepare(`UPDATE users SET ${change} WHERE email = ?`).bind(email).run();
    const res = await signInWithPasskey(authenticator);
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe(code);
    expect(sessionCookie(res)).toBeNull();
  });

  test("shares the password login's per-IP budget: past 30 a minute, passkey and password sign-ins get 429", async () => {
    const limited = { ...env, RATE_LIMIT_IP: "on" };
    const send = (path: string, body?: unknown) =>
      app.fetch(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.77" },
          body: JSON.stringify(body ?? {}),
        }),
        limited,
        createExecutionContext(),
      );
    const statuses: number[] = [];
    await withinOneRateWindow();
    for (let i = 0; i < 30; i++) statuses.push((await send("/api/auth/passkey/options")).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await send("/api/auth/passkey/options")).status).toBe(429);
    expect((await send("/api/auth/passkey/verify", { response: {} })).status).toBe(429);
    expect((await send("/api/auth/login", { email: "a@example.com", password: "x" })).status).toBe(429);
  });

  test("RP ID and origin are the app's URL, served on localhost by the local stack", async () => {
    const res = await call("POST", "/api/auth/passkey/options");
    const { options } = (await res.json()) as { options: { rpId: string; userVerification: string; allowCredentials?: unknown[] } };
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "required" });
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(RP_ORIGIN).toBe("http://localhost:8787");
  });
});

describe("managing passkeys", () => {
  test("rename and remove work on one's own passkey", async () => {
    const { session, passkeyId } = await userWithPasskey("pk-manage");
    const renamed = await call("PATCH", `/api/account/passkeys/${passkeyId}`, { cookie: session, body: { name: "Laptop" } });
    expect(renamed.status).toBe(200);
    expect((await list(session))[0]!.name).toBe("Laptop");
    expect((await call("DELETE", `/api/account/passkeys/${passkeyId}`, { cookie: session })).status).toBe(204);
    expect(await list(session)).toEqual([]);
  });

  test("a passkey of another account can be neither renamed nor removed, nor sign in after removal", async () => {
    const owner = await userWithPasskey("pk-owner");
    const other = await login(await verifiedUser("pk-other"));
    const rename = await call("PATCH", `/api/account/passkeys/${owner.passkeyId}`, { cookie: other, body: { name: "Mine now" } });
    expect(rename.status).toBe(404);
    expect((await call("DELETE", `/api/account/passkeys/${owner.passkeyId}`, { cookie: other })).status).toBe(404);
    expect(await list(owner.session)).toEqual([expect.objectContaining({ id: owner.passkeyId, name: "Passkey" })]);
    await call("DELETE", `/api/account/passkeys/${owner.passkeyId}`, { cookie: owner.session });
    expect((await signInWithPasskey(owner.authenticator)).status).toBe(401);
  });

  test.each([
    ["GET", "/api/account/passkeys"],
    ["POST", "/api/account/passkeys/options"],
    ["POST", "/api/account/passkeys"],
    ["PATCH", "/api/account/passkeys/abc"],
    ["DELETE", "/api/account/passkeys/abc"],
  ])("%s %s without a session is 401", async (method, path) => {
    const res = await call(method, path, { body: method === "PATCH" ? { name: "x" } : undefined });
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("UNAUTHENTICATED");
  });
});
