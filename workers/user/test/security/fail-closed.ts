import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import app from "../../src/index";
import { getConfig } from "../../src/config";
import { signedInAdmin } from "../admin/fixtures";
import { call, latestToken, login, ORIGIN, PASSWORD, problemOf, uniqueEmail, verifiedUser } from "../helpers";
import { apiOperations } from "../openapi-operations";
import { callWith, failingDb, FAILURES, sessionBinding } from "./broken-bindings";

const NEW_PASSWORD = "a brand new passphrase";

/** A refusal that names no internals: no binding, table or exception in the body. */
async function expectOpaque(res: Response, what: string): Promise<string> {
  const text = await res.text();
  expect(text, what).not.toMatch(/D1_|SQLITE|KV |secret_field|Network connection|TypeError/);
  return text;
}

describe("fail closed when storage fails (workerd)", () => {
  it.each(Object.entries(FAILURES))("V4.1.5 V7.4.1 %s: every route that needs a session answers 503, never serves", async (_, error) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const cookie = await login(await verifiedUser());
    const guarded = (await apiOperations()).filter((op) => op.guarded);
    expect(guarded.length).toBeGreaterThan(20);
    for (const op of guarded) {
      const res = await callWith({ SESSION: sessionBinding(error) as unknown as Env["SESSION"] }, op.method, op.path.replace(/\{\w+\}/g, "x"), { cookie, body: {} });
      const what = `${op.method} ${op.path}`;
      expect(res.status, what).toBe(503);
      expect((await problemOf(res.clone())).code, what).toBe("SERVICE_UNAVAILABLE");
      await expectOpaque(res, what);
    }
    log.mockRestore();
  });

  it.each(Object.entries(FAILURES))("V4.1.5 %s: a correct login sets no cookie and answers 5xx", async (_, error) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const email = await verifiedUser();
    const res = await callWith({ SESSION: sessionBinding(error) as unknown as Env["SESSION"] }, "POST", "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers.getSetCookie().filter((c) => !c.startsWith("__Host-session=;"))).toEqual([]);
    await expectOpaque(res, "login");
    log.mockRestore();
  });

  it("V4.1.5 with D1 failing, sign-in, sign-up, recovery and admin routes answer 503 and grant nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const email = await verifiedUser();
    const cookie = await login(email);
    const admin = (await signedInAdmin()).cookie;
    const DB = failingDb();
    const cases: Array<[string, string, unknown, string | undefined]> = [
      ["POST", "/api/auth/login", { email, password: PASSWORD }, undefined],
      ["POST", "/api/auth/register", { email: uniqueEmail(), password: NEW_PASSWORD }, undefined],
      ["POST", "/api/auth/forgot-password", { email }, undefined],
      ["POST", "/api/auth/verify-email", { token: "x".repeat(43) }, undefined],
      ["POST", "/api/auth/reset-password", { token: "x".repeat(43), password: NEW_PASSWORD }, undefined],
      ["POST", "/api/auth/change-password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, cookie],
      ["DELETE", "/api/account", { password: PASSWORD }, cookie],
      ["GET", "/api/admin/users", undefined, admin],
    ];
    for (const [method, path, body, withCookie] of cases) {
      const res = await callWith({ DB }, method, path, { body, cookie: withCookie });
      expect(res.status, `${method} ${path}`).toBe(503);
      expect(res.headers.getSetCookie().filter((c) => !c.startsWith("__Host-session=;")), path).toEqual([]);
      await expectOpaque(res, path);
    }
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(200);
    log.mockRestore();
  });
});

describe("a password change is not half-done when revocation fails (workerd)", () => {
  const lost = FAILURES["session Worker unreachable"];

  it("V3.3.3 a reset whose session revocation fails leaves the password and the link as they were", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const email = await verifiedUser();
    await call("POST", "/api/auth/forgot-password", { body: { email } });
    const token = await latestToken(email, "reset");
    const SESSION = sessionBinding(lost, ["revokeAll"]) as unknown as Env["SESSION"];
    const res = await callWith({ SESSION }, "POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } });
    log.mockRestore();
    expect(res.status).toBe(503);
    // Nothing changed: the old password still signs in and the link still works once the store is back.
    await login(email, PASSWORD);
    expect((await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
  });

  it("V3.3.3 a password change whose revocation fails leaves the password as it was", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const email = await verifiedUser();
    const cookie = await login(email);
    const SESSION = sessionBinding(lost, ["revokeAll"]) as unknown as Env["SESSION"];
    const body = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    const res = await callWith({ SESSION }, "POST", "/api/auth/change-password", { cookie, body });
    log.mockRestore();
    expect(res.status).toBe(503);
    await login(email, PASSWORD);
  });
});

/** The vars as wrangler.jsonc ships them: what a Worker deployed without the local stack's marker gets. */
const shipped = { ...env, ENVIRONMENT: "production", RATE_LIMIT_IP: "off" } as Env;
const unmarked = { ...env, ENVIRONMENT: undefined, RATE_LIMIT_IP: "off" } as unknown as Env;

async function fetchWith(vars: Env, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), vars, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

let client = 0;

describe("local-only behaviour fails closed", () => {
  it.each([
    ["as wrangler.jsonc ships it", shipped],
    ["with no ENVIRONMENT at all", unmarked],
    ["with an unknown value", { ...env, ENVIRONMENT: "Local " } as Env],
  ])("%s: the dev outbox and upkeep answer 404 and RATE_LIMIT_IP=off is ignored", async (_, vars) => {
    expect((await fetchWith(vars, "/api/dev/outbox")).status).toBe(404);
    expect((await fetchWith(vars, "/api/dev/upkeep", { method: "POST" })).status).toBe(404);
    expect(getConfig(vars)).toMatchObject({ local: false, ipRateLimit: true });
    const statuses: number[] = [];
    const ip = `203.0.113.${++client}`;
    for (let i = 0; i < 32; i++) {
      const res = await fetchWith(vars, "/api/auth/forgot-password", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: uniqueEmail() }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(30).fill(202), 429, 429]);
  });

  it("the local stack's marker, and only it, turns them on", async () => {
    expect(getConfig(env)).toMatchObject({ local: true, ipRateLimit: false });
    expect((await fetchWith(env, "/api/dev/outbox")).status).toBe(200);
    const upkeep = await fetchWith(env, "/api/dev/upkeep", { method: "POST" });
    expect([upkeep.status, Object.keys(((await upkeep.json()) as { deleted: object }).deleted)]).toEqual([200, expect.arrayContaining(["sessions", "audit-log"])]);
  });
});
