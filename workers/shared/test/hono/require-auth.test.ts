import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { requireAuth, session, type SessionVariables } from "../../src/hono";
import { cookieFor, fakeSessionBinding, problemOf, sessionFor, token, ORIGIN } from "./fake-session-binding";

type AppEnv = { Variables: SessionVariables };

// No onError on purpose: the guards answer by themselves.
function app() {
  const app = new Hono<AppEnv>();
  app.use("*", session());
  // The guard narrows c.var.user: no null check needed to read the email.
  app.get("/me", requireAuth(), (c) => c.json({ email: c.var.user.email, session: c.var.session.id }));
  return app;
}

describe("requireAuth()", () => {
  it("answers 401 UNAUTHENTICATED problem+json without a session", async () => {
    const res = await app().request(`${ORIGIN}/me`, {}, { SESSION: fakeSessionBinding() });
    expect(res.status).toBe(401);
    expect(await problemOf(res)).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
  });

  it("answers 401 for a cookie whose session has ended", async () => {
    const res = await app().request(`${ORIGIN}/me`, { headers: cookieFor(token()) }, { SESSION: fakeSessionBinding() });
    expect(res.status).toBe(401);
  });

  it("lets a signed-in user through, whatever their permissions", async () => {
    const live = sessionFor([]);
    const tok = token();
    const res = await app().request(`${ORIGIN}/me`, { headers: cookieFor(tok) }, { SESSION: fakeSessionBinding({ [tok]: live }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: live.user.email, session: live.id });
  });

  it("refuses to run without session() before it: a wiring bug, not an anonymous user", async () => {
    const bare = new Hono();
    const handler = vi.fn((c) => c.text("reached"));
    bare.get("/me", requireAuth(), handler);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await bare.request(`${ORIGIN}/me`);
    err.mockRestore();
    expect(res.status).toBe(500);
    expect(handler).not.toHaveBeenCalled();
  });
});
