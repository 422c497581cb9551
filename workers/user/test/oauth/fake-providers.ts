import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { uniqueEmail } from "../helpers";
import { call, callback, outcome, script, start } from "./support";

// What a real provider will not produce: ID tokens that must be refused, from a loopback issuer
// that signs with jose; and GitHub, from a loopback fake of its OAuth endpoints and API
// (test/setup/fake-identity-providers.ts, started by workers/user/vitest.config.ts).

/** Starts a flow at `provider`, scripts the code the fake will be asked about, and comes back with it. */
async function flowWith(provider: "fake" | "github", answer: (nonce: string) => object) {
  const { authorize, flow } = await start(provider);
  const code = crypto.randomUUID();
  await script(code, answer(authorize.searchParams.get("nonce") ?? ""));
  const back = new URL(`http://127.0.0.1:8787/api/auth/oauth/${provider}/callback`);
  back.searchParams.set("code", code);
  back.searchParams.set("state", authorize.searchParams.get("state")!);
  return outcome(await callback(back, [flow]));
}

const idToken = (mode: string, email = uniqueEmail("idt")) => (nonce: string) => ({ idToken: { mode, nonce, sub: crypto.randomUUID(), email } });

describe("ID tokens", () => {
  it("accepts a well-formed token from the fake issuer (the control for the refusals below)", async () => {
    const email = uniqueEmail("fake-ok");
    expect(await flowWith("fake", idToken("ok", email))).toEqual({ location: "/account", session: expect.any(String) });
    expect(await env.DB.prepare("SELECT email_verified_at FROM users WHERE email = ?").bind(email).first("email_verified_at")).not.toBeNull();
  });

  it.each(["expired", "wrong-aud", "wrong-iss", "alg-none", "wrong-key"])("refuses a token that is %s, and makes no account", async (mode) => {
    const email = uniqueEmail(mode);
    expect(await flowWith("fake", idToken(mode, email))).toEqual({ location: "/login?error=OAUTH_FAILED", session: null });
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("refuses a subject over 255 characters before storing anything", async () => {
    const email = uniqueEmail("long-sub");
    const long = (nonce: string) => ({ idToken: { mode: "ok", nonce, sub: "s".repeat(256), email } });
    expect(await flowWith("fake", long)).toEqual({ location: "/login?error=OAUTH_FAILED", session: null });
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("audits the refusal with a reason, never the token", async () => {
    await flowWith("fake", idToken("wrong-key"));
    const row = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'auth.oauth.failed' ORDER BY id DESC LIMIT 1").first<{ detail: string }>();
    expect(JSON.parse(row!.detail)).toMatchObject({ provider: "fake", code: "OAUTH_FAILED" });
    expect(row!.detail).not.toMatch(/eyJ/);
  });
});

describe("GitHub", () => {
  const github = (emails: { email: string; primary: boolean; verified: boolean }[]) => () => ({
    github: { user: { id: Math.floor(Math.random() * 1e9), login: "octo", name: "Octo Cat" }, emails },
  });

  it("signs in with the primary, verified address, whatever else the list holds", async () => {
    const email = uniqueEmail("gh");
    const result = await flowWith("github", github([{ email: uniqueEmail("other"), primary: false, verified: true }, { email, primary: true, verified: true }]));
    expect(result.session).not.toBeNull();
    const session = (await (await call("GET", "/api/auth/session", { cookie: result.session })).json()) as { user: { email: string; name: string } };
    expect(session.user).toMatchObject({ email, name: "Octo Cat" });
  });

  it.each([
    ["an unverified primary", [{ primary: true, verified: false }]],
    ["a verified address that is not the primary", [{ primary: true, verified: false }, { primary: false, verified: true }]],
    ["no address at all", []],
  ])("makes no account from %s", async (_label, shape) => {
    const emails = shape.map((s) => ({ ...s, email: uniqueEmail("ghx") }));
    expect(await flowWith("github", github(emails))).toEqual({ location: "/login?error=OAUTH_EMAIL_UNVERIFIED", session: null });
    for (const { email } of emails) expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("sends GitHub no nonce and no OpenID scope, but PKCE S256", async () => {
    const { authorize } = await start("github");
    expect(authorize.pathname).toBe("/gh/login/oauth/authorize");
    expect(authorize.searchParams.get("nonce")).toBeNull();
    expect(authorize.searchParams.get("scope")).toBe("read:user user:email");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  });
});
