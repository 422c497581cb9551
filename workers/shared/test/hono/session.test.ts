import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { session, type SessionVariables } from "../../src/hono";
import { cookieFor, fakeSessionBinding, problemOf, sessionFor, token, ORIGIN } from "./fake-session-binding";

type AppEnv = { Bindings: Record<string, unknown>; Variables: SessionVariables };

function appWith(options?: Parameters<typeof session>[0]) {
  const app = new Hono<AppEnv>();
  app.use("*", session(options));
  app.get("/me", (c) => c.json({ user: c.var.user?.email ?? null, session: c.var.session?.id ?? null }));
  return app;
}

const get = (app: Hono<AppEnv>, headers: Record<string, string>, env: Record<string, unknown>) =>
  app.request(`${ORIGIN}/me`, { headers }, env);

afterEach(() => vi.restoreAllMocks());

describe("session()", () => {
  it("sets c.var.user and c.var.session from the cookie's session", async () => {
    const live = sessionFor(["notes:read"]);
    const tok = token();
    const SESSION = fakeSessionBinding({ [tok]: live });
    const res = await get(appWith(), cookieFor(tok), { SESSION });
    expect(await res.json()).toEqual({ user: live.user.email, session: live.id });
    expect(SESSION.calls).toEqual([`get(${tok})`]);
  });

  it("leaves both null for an anonymous request and makes no RPC call", async () => {
    const SESSION = fakeSessionBinding();
    const res = await get(appWith(), {}, { SESSION });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: null, session: null });
    expect(SESSION.calls).toEqual([]);
  });

  it("leaves both null for a token the session Worker does not know", async () => {
    const SESSION = fakeSessionBinding();
    const res = await get(appWith(), cookieFor(token()), { SESSION });
    expect(await res.json()).toEqual({ user: null, session: null });
    expect(SESSION.calls).toHaveLength(1);
  });

  it.each([
    ["an oversized value", "a".repeat(129)],
    ["characters no token has", "abc%3Bdef"],
    ["an empty value", ""],
  ])("treats %s as no cookie, without asking the session Worker", async (_, value) => {
    const SESSION = fakeSessionBinding();
    const res = await get(appWith(), cookieFor(value), { SESSION });
    expect(await res.json()).toEqual({ user: null, session: null });
    expect(SESSION.calls).toEqual([]);
  });

  it("reads only the __Host-session cookie among others", async () => {
    const live = sessionFor([]);
    const tok = token();
    const SESSION = fakeSessionBinding({ [tok]: live });
    const cookie = `session=${token()}; theme=dark; __Host-session=${tok}; other=1`;
    const res = await get(appWith(), { cookie }, { SESSION });
    expect(await res.json()).toMatchObject({ user: live.user.email });
    expect(SESSION.calls).toEqual([`get(${tok})`]);
  });

  it("confirms in D1 (getStrict) when strict", async () => {
    const tok = token();
    const SESSION = fakeSessionBinding({ [tok]: sessionFor([]) });
    await get(appWith({ strict: true }), cookieFor(tok), { SESSION });
    expect(SESSION.calls).toEqual([`getStrict(${tok})`]);
  });

  it("uses the binding named in the options", async () => {
    const live = sessionFor([]);
    const tok = token();
    const AUTH = fakeSessionBinding({ [tok]: live });
    const res = await get(appWith({ binding: "AUTH" }), cookieFor(tok), { AUTH });
    expect(await res.json()).toMatchObject({ session: live.id });
  });

  it("fails closed with 503 problem+json when the session Worker fails, and never logs the token", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tok = token();
    const res = await get(appWith(), cookieFor(tok), { SESSION: fakeSessionBinding({}, { failing: true }) });
    expect(res.status).toBe(503);
    expect(await problemOf(res)).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
    expect(log).toHaveBeenCalledOnce();
    expect(JSON.stringify(log.mock.calls)).not.toContain(tok);
  });

  it("treats a missing binding as a wiring bug: 500, the handler never runs", async () => {
    const app = new Hono<AppEnv>();
    const handler = vi.fn((c) => c.text("reached"));
    app.use("*", session());
    app.get("/me", handler);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await app.request(`${ORIGIN}/me`, { headers: cookieFor(token()) }, {});
    expect(res.status).toBe(500);
    expect(handler).not.toHaveBeenCalled();
    err.mockRestore();
  });
});
