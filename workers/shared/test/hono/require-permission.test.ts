import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requirePermission, session, type SessionVariables } from "../../src/hono";
import { cookieFor, fakeSessionBinding, problemOf, sessionFor, token, ORIGIN } from "./fake-session-binding";

function app() {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use("*", session());
  app.post("/notes", requirePermission("notes:write"), (c) => c.json({ author: c.var.user.id }, 201));
  return app;
}

async function postAs(permissions: string[] | null): Promise<Response> {
  if (permissions === null) return app().request(`${ORIGIN}/notes`, { method: "POST" }, { SESSION: fakeSessionBinding() });
  const tok = token();
  const SESSION = fakeSessionBinding({ [tok]: sessionFor(permissions) });
  return app().request(`${ORIGIN}/notes`, { method: "POST", headers: cookieFor(tok) }, { SESSION });
}

describe("requirePermission()", () => {
  it("answers 401 UNAUTHENTICATED without a session", async () => {
    const res = await postAs(null);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("UNAUTHENTICATED");
  });

  it.each([[[]], [["notes:read"]], [["notes:writer"]], [["note:write"]], [["users:*"]]])(
    "answers 403 FORBIDDEN to a user granted only %j",
    async (permissions) => {
      const res = await postAs(permissions);
      expect(res.status).toBe(403);
      expect(await problemOf(res)).toMatchObject({ code: "FORBIDDEN", status: 403 });
    },
  );

  it.each([[["notes:write"]], [["notes:read", "notes:write"]], [["notes:*"]], [["*"]]])(
    "lets through a user granted %j",
    async (permissions) => {
      const res = await postAs(permissions);
      expect(res.status).toBe(201);
      expect(await res.json()).toHaveProperty("author");
    },
  );

  it.each(["notes:*", "*", "notes", "Notes:write", ""])("refuses %j as a requirement when the app is built", (required) => {
    expect(() => requirePermission(required)).toThrow(TypeError);
  });
});
