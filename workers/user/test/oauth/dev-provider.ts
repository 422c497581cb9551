import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, login, PASSWORD, register, sessionCookie, uniqueEmail, verifiedUser } from "../helpers";
import { codeAt, enrolTotp } from "../mfa/support";
import { userIdOf } from "../admin/fixtures";
import { callWith, wrappedSessionBinding } from "../security/broken-bindings";
import { auditActions, callback, devSignIn, outcome, setCookie, signInAtDevProvider, start } from "./support";

// Social sign-in against the real local OpenID provider (oidc-provider, as `npm start` runs it),
// started once for the project by workers/user/vitest.config.ts. Its people: any address.

const sessionOf = async (cookie: string) => (await (await call("GET", "/api/auth/session", { cookie })).json()) as { user: { id: string; email: string; emailVerified: boolean; roles: string[] } };

describe("the flow", () => {
  it("offers the configured providers only, and nothing of one without settings", async () => {
    const res = await call("GET", "/api/auth/oauth/providers");
    expect(await res.json()).toEqual({ providers: [{ id: "dev", name: "Dev" }, { id: "fake", name: "Fake" }, { id: "github", name: "GitHub" }] });
    expect((await call("GET", "/api/auth/oauth/google/start")).status).toBe(404);
    expect((await call("GET", "/api/auth/oauth/google/callback?code=x&state=y")).status).toBe(404);
  });

  it("sends the browser to the provider with state, nonce and PKCE S256, the flow in a short-lived __Host- cookie", async () => {
    const { authorize, res } = await start("dev");
    const q = authorize.searchParams;
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("redirect_uri")).toBe("http://127.0.0.1:8787/api/auth/oauth/dev/callback");
    const cookie = setCookie(res, "__Host-oauth-flow")!.header;
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The verifier never leaves the browser's cookie for the provider's URL.
    expect(authorize.href).not.toContain(JSON.parse(atob(setCookie(res, "__Host-oauth-flow")!.pair.split("=")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).codeVerifier);
  });

  it("signs a new verified address in to a new verified account without a password, and the same identity back in later", async () => {
    const email = uniqueEmail("social");
    const first = await devSignIn(email, { returnTo: "/account?tab=security" });
    expect(first.location).toBe("/account?tab=security");
    const { user } = await sessionOf(first.session!);
    expect(user).toMatchObject({ email, emailVerified: true, roles: ["user"] });
    expect((await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);
    const again = await devSignIn(email);
    expect(again.location).toBe("/account");
    expect((await sessionOf(again.session!)).user.id).toBe(user.id);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["auth.login.succeeded"]));
    const logged = await env.DB.prepare("SELECT detail FROM audit_log WHERE target = ? AND action = 'auth.login.succeeded'").bind(user.id).all<{ detail: string }>();
    expect(logged.results.map((r) => JSON.parse(r.detail))).toMatchObject([{ provider: "dev", accountCreated: true }, { provider: "dev", accountCreated: false }]);
  });

  it("asks an account with a second factor for it: the callback sets only the pending cookie, the second step returns to returnTo", async () => {
    const email = uniqueEmail("social-mfa");
    const { secret } = await enrolTotp((await devSignIn(email)).session!);
    const started = await start("dev", { returnTo: "/account?tab=security" });
    const res = await callback(await signInAtDevProvider(started.authorize, email), [started.flow]);
    expect(outcome(res)).toEqual({ location: "/login?step=mfa&methods=totp,recovery_code", session: null });
    const pending = setCookie(res, "__Host-mfa")!.pair;
    const done = await call("POST", "/api/auth/mfa/verify", { cookie: pending, body: { code: codeAt(secret, Date.now() / 1000 + 30) } });
    expect(await done.json()).toMatchObject({ user: { email }, returnTo: "/account?tab=security" });
    expect(sessionCookie(done)).not.toBeNull();
  });

  it("refuses a wrong or missing state, and a state from another browser", async () => {
    const email = uniqueEmail("state");
    const a = await start("dev");
    const back = await signInAtDevProvider(a.authorize, email);
    const tampered = new URL(back);
    tampered.searchParams.set("state", "x".repeat(43));
    const missing = new URL(back);
    missing.searchParams.delete("state");
    const b = await start("dev");
    for (const [url, cookies] of [[tampered, [a.flow]], [missing, [a.flow]], [back, [b.flow]], [back, []]] as const) {
      expect(outcome(await callback(url, [...cookies]))).toEqual({ location: "/login?error=OAUTH_STATE_MISMATCH", session: null });
    }
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("refuses a flow older than 10 minutes, even with its cookie", async () => {
    const { authorize, flow } = await start("dev");
    const back = await signInAtDevProvider(authorize, uniqueEmail("late"));
    vi.useFakeTimers({ now: Date.now() + 601_000 });
    try {
      expect(outcome(await callback(back, [flow]))).toEqual({ location: "/login?error=OAUTH_STATE_MISMATCH", session: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses an ID token whose nonce is not the flow's", async () => {
    const { authorize, flow } = await start("dev");
    authorize.searchParams.set("nonce", "n".repeat(43));
    const back = await signInAtDevProvider(authorize, uniqueEmail("nonce"));
    expect(outcome(await callback(back, [flow]))).toEqual({ location: "/login?error=OAUTH_FAILED", session: null });
  });

  it("refuses a replayed code, even with the cookie it came with", async () => {
    const { authorize, flow } = await start("dev");
    const back = await signInAtDevProvider(authorize, uniqueEmail("replay"));
    expect(outcome(await callback(back, [flow])).session).not.toBeNull();
    expect(outcome(await callback(back, [flow]))).toEqual({ location: "/login?error=OAUTH_FAILED", session: null });
  });

  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "/\r\nSet-Cookie:x"])("ignores returnTo %s and returns to /account", async (returnTo) => {
    expect((await devSignIn(uniqueEmail("return"), { returnTo })).location).toBe("/account");
  });
});

describe("the identity rules", () => {
  it("never links an identity whose address belongs to an account, verified or not; the account is unchanged", async () => {
    const verified = await verifiedUser("owner");
    const pending = uniqueEmail("pending");
    expect((await register(pending)).status).toBe(202);
    for (const email of [verified, pending]) {
      expect(await devSignIn(email)).toEqual({ location: "/login?error=OAUTH_EMAIL_IN_USE", session: null });
    }
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM identities WHERE email IN (?, ?)").bind(verified, pending).first<{ n: number }>())!.n).toBe(0);
    expect(await env.DB.prepare("SELECT email_verified_at FROM users WHERE email = ?").bind(pending).first("email_verified_at")).toBeNull();
  });

  it("an unverified provider address makes no account and verifies nothing", async () => {
    const email = `someone+unverified-${crypto.randomUUID()}@example.com`;
    expect(await devSignIn(email)).toEqual({ location: "/login?error=OAUTH_EMAIL_UNVERIFIED", session: null });
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("grants adminEmails' admin role to a provider-verified address only", async () => {
    expect(await devSignIn("root+unverified@example.com")).toMatchObject({ location: "/login?error=OAUTH_EMAIL_UNVERIFIED" });
    const { session } = await devSignIn("root@example.com");
    expect((await sessionOf(session!)).user.roles).toContain("admin");
  });

  it("the owner links an identity with another address from the account page; it signs in to that account, and unlinks", async () => {
    const email = await verifiedUser("linker");
    const cookie = await login(email);
    const providerEmail = uniqueEmail("elsewhere");
    expect(await devSignIn(providerEmail, { intent: "link", returnTo: "/account", cookie })).toEqual({ location: "/account", session: null });
    const list = await (await call("GET", "/api/account/identities", { cookie })).json();
    expect(list).toMatchObject({ identities: [{ provider: "dev", name: "Dev", email: providerEmail }], hasPassword: true });
    const viaProvider = await devSignIn(providerEmail);
    expect((await sessionOf(viaProvider.session!)).user.email).toBe(email);
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(providerEmail).first()).toBeNull();
    expect((await call("DELETE", "/api/account/identities/dev", { cookie, headers: { origin: "http://127.0.0.1:8787" } })).status).toBe(204);
    expect(await devSignIn(providerEmail)).toMatchObject({ session: expect.any(String) });
    const id = await userIdOf(email);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["identity.linked", "identity.unlinked"]));
  });

  it("refuses to link an identity that signs in to another account, and a link without the session that began it", async () => {
    const taken = uniqueEmail("taken");
    await devSignIn(taken);
    const cookie = await login(await verifiedUser("other"));
    expect(await devSignIn(taken, { intent: "link", cookie })).toEqual({ location: "/account?error=IDENTITY_IN_USE", session: null });
    const started = await start("dev", { intent: "link", cookie });
    const back = await signInAtDevProvider(started.authorize, uniqueEmail("nosession"));
    expect(outcome(await callback(back, [started.flow]))).toEqual({ location: "/account?error=UNAUTHENTICATED", session: null });
    expect((await call("GET", "/api/auth/oauth/dev/start?intent=link")).status).toBe(401);
  });

  it("refuses unlinking the last way to sign in", async () => {
    const { session } = await devSignIn(uniqueEmail("only"));
    const res = await call("DELETE", "/api/account/identities/dev", { cookie: session!, headers: { origin: "http://127.0.0.1:8787" } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("LAST_SIGN_IN_METHOD");
    expect(((await (await call("GET", "/api/account/identities", { cookie: session! })).json()) as { hasPassword: boolean }).hasPassword).toBe(false);
  });

  it("refuses a disabled user and a locked account, and loses to a credential change in flight", async () => {
    const disabled = uniqueEmail("disabled");
    await devSignIn(disabled);
    await env.DB.prepare("UPDATE users SET disabled_at = unixepoch() WHERE email = ?").bind(disabled).run();
    expect(await devSignIn(disabled)).toEqual({ location: "/login?error=ACCOUNT_DISABLED", session: null });

    const locked = uniqueEmail("locked");
    await devSignIn(locked);
    await env.DB.prepare("INSERT INTO login_throttle (key, failures, locked_until, lock_count, updated_at) VALUES (?, 10, unixepoch() + 900, 1, unixepoch())")
      .bind(`login:${locked}`)
      .run();
    expect(await devSignIn(locked)).toEqual({ location: "/login?error=RATE_LIMITED", session: null });

    const racing = uniqueEmail("racing");
    await devSignIn(racing);
    const started = await start("dev");
    const back = await signInAtDevProvider(started.authorize, racing);
    const SESSION = wrappedSessionBinding({
      create: (real) => async (...args) => {
        await env.DB.prepare("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE email = ?").bind(racing).run();
        return real(...args);
      },
    }) as unknown as Env["SESSION"];
    const res = await callWith({ SESSION }, "GET", `${back.pathname}${back.search}`, { cookie: started.flow });
    expect(outcome(res)).toEqual({ location: "/login?error=OAUTH_FAILED", session: null });
  });
});
