import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, type JWK } from "jose";
import app from "../../src/index";
import { signedInAdmin, userIdOf } from "../admin/fixtures";
import { call, login, ORIGIN, problemOf, verifiedUser, withinOneRateWindow } from "../helpers";

afterEach(() => vi.useRealTimers());

type TokenReply = { accessToken: string; tokenType: string; expiresIn: number };

/** Calls the app with some vars or secrets replaced, as another stack's configuration would. */
async function callWith(vars: Partial<Env>, method: string, path: string, cookie?: string, body?: unknown): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (cookie) headers.set("cookie", cookie);
  if (body !== undefined) headers.set("content-type", "application/json");
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function jwks(vars: Partial<Env> = {}): Promise<{ keys: JWK[] }> {
  return (await callWith(vars, "GET", "/.well-known/jwks.json")).json();
}

/** The verification docs/tokens.md shows, against the JWKS as published now. */
async function verify(token: string, vars: Partial<Env> = {}, audience = ORIGIN) {
  return jwtVerify(token, createLocalJWKSet(await jwks(vars)), { issuer: ORIGIN, audience, algorithms: ["EdDSA"] });
}

async function newKeys(): Promise<{ kid: string; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { kid: await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: privateJwk.x! }), privateJwk };
}

describe("POST /api/auth/token", () => {
  it("issues a JWT for the session's user that verifies against the published JWKS, every claim as documented", async () => {
    const email = await verifiedUser("token");
    const cookie = await login(email);
    const res = await call("POST", "/api/auth/token", { cookie });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as TokenReply;
    expect(reply).toMatchObject({ tokenType: "Bearer", expiresIn: 300 });
    const { payload, protectedHeader } = await verify(reply.accessToken);
    const session = (await (await call("GET", "/api/auth/session", { cookie })).json()) as { user: { roles: string[]; permissions: string[] }; session: { id: string } };
    expect(protectedHeader).toEqual({ alg: "EdDSA", kid: (await jwks()).keys[0]!.kid, typ: "JWT" });
    expect(payload).toEqual({
      iss: ORIGIN,
      sub: await userIdOf(email),
      aud: [ORIGIN],
      iat: expect.any(Number),
      exp: payload.iat! + 300,
      jti: expect.stringMatching(/^[\w-]{22}$/),
      sid: session.session.id,
      roles: session.user.roles,
      permissions: session.user.permissions,
    });
    const again = (await (await call("POST", "/api/auth/token", { cookie })).json()) as TokenReply;
    expect((await verify(again.accessToken)).payload.jti).not.toBe(payload.jti);
  });

  it("names the configured audiences, or the one asked for; an audience not configured is refused", async () => {
    const cookie = await login(await verifiedUser("aud"));
    const vars = { TOKEN_AUDIENCES: "https://notes.example, billing-api" } as Partial<Env>;
    const all = (await (await callWith(vars, "POST", "/api/auth/token", cookie)).json()) as TokenReply;
    expect((await verify(all.accessToken, vars, "billing-api")).payload.aud).toEqual(["https://notes.example", "billing-api"]);
    const one = (await (await callWith(vars, "POST", "/api/auth/token", cookie, { audience: "billing-api" })).json()) as TokenReply;
    expect((await verify(one.accessToken, vars, "billing-api")).payload.aud).toEqual(["billing-api"]);
    await expect(verify(one.accessToken, vars, "https://notes.example")).rejects.toThrow(/aud/);
    const other = await callWith(vars, "POST", "/api/auth/token", cookie, { audience: "https://evil.example" });
    expect((await problemOf(other)).code).toBe("VALIDATION_FAILED");
  });

  it("is refused without a session, for a revoked one, for a disabled user, from another site, and past 30 a minute", async () => {
    expect((await call("POST", "/api/auth/token")).status).toBe(401);
    const ended = await login(await verifiedUser("ended"));
    await call("POST", "/api/auth/logout", { cookie: ended });
    expect((await call("POST", "/api/auth/token", { cookie: ended })).status).toBe(401);
    const admin = await signedInAdmin();
    const disabledEmail = await verifiedUser("disabled");
    const disabled = await login(disabledEmail);
    await call("PATCH", `/api/admin/users/${await userIdOf(disabledEmail)}`, { cookie: admin.cookie, body: { disabled: true } });
    expect((await call("POST", "/api/auth/token", { cookie: disabled })).status).toBe(401);
    const cookie = await login(await verifiedUser("busy"));
    expect((await call("POST", "/api/auth/token", { cookie, headers: { origin: "https://evil.example" } })).status).toBe(403);
    const statuses: number[] = [];
    await withinOneRateWindow();
    for (let i = 0; i < 31; i++) statuses.push((await call("POST", "/api/auth/token", { cookie })).status);
    expect(statuses).toEqual([...Array(30).fill(200), 429]);
    // Another session of the same user has its own allowance.
    expect((await call("POST", "/api/auth/token", { cookie: await login(await verifiedUser("other")) })).status).toBe(200);
  });
});

describe("GET /.well-known/jwks.json and /.well-known/openid-configuration", () => {
  it("publish the key and the issuer, cacheable for five minutes", async () => {
    const res = await call("GET", "/.well-known/jwks.json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const { keys } = (await res.json()) as { keys: JWK[] };
    expect(keys).toEqual([{ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: expect.any(String), alg: "EdDSA", use: "sig" }]);
    expect(keys[0]).not.toHaveProperty("d");
    const discovery = await call("GET", "/.well-known/openid-configuration");
    expect(await discovery.json()).toEqual({ issuer: ORIGIN, jwks_uri: `${ORIGIN}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["EdDSA"] });
  });
});

describe("rotation without downtime", () => {
  it("tokens of the old key verify until they expire; then the old key leaves the JWKS and they do not", async () => {
    const cookie = await login(await verifiedUser("rotate"));
    const [first, second] = [await newKeys(), await newKeys()];
    const before = { TOKEN_SIGNING_KEYS: JSON.stringify({ current: first }) } as Partial<Env>;
    const old = (await (await callWith(before, "POST", "/api/auth/token", cookie)).json()) as TokenReply;
    expect(decodeProtectedHeader(old.accessToken).kid).toBe(first.kid);

    vi.useFakeTimers({ toFake: ["Date"] });
    const rotatedAt = Math.floor(Date.now() / 1000);
    const { x, kty, crv } = first.privateJwk;
    const after = { TOKEN_SIGNING_KEYS: JSON.stringify({ current: second, previous: { kid: first.kid, publicJwk: { kty, crv, x }, retiredAt: rotatedAt } }) } as Partial<Env>;
    const fresh = (await (await callWith(after, "POST", "/api/auth/token", cookie)).json()) as TokenReply;
    expect(decodeProtectedHeader(fresh.accessToken).kid).toBe(second.kid);
    expect((await jwks(after)).keys.map((k) => k.kid)).toEqual([second.kid, first.kid]);
    expect((await verify(old.accessToken, after)).payload.sub).toBeDefined();

    // Past the longest lifetime (10 min) and a minute's skew, the old key is gone.
    vi.setSystemTime((rotatedAt + 661) * 1000);
    expect((await jwks(after)).keys.map((k) => k.kid)).toEqual([second.kid]);
    await expect(jwtVerify(old.accessToken, createLocalJWKSet(await jwks(after)), { algorithms: ["EdDSA"], currentDate: new Date(rotatedAt * 1000) })).rejects.toThrow();
  });
});
