import { createRoute } from "../../openapi";
import { readSessionToken, sessionClient } from "@workers-users/shared";
import { clearSessionCookie } from "../../http/cookies";
import { currentSession, requireSession } from "../../middleware/session";
import { createRouter } from "../../router";
import { problem } from "../../schemas";
import { audit } from "../../users/audit";

const logoutRoute = createRoute({
  method: "post",
  operationId: "logout",
  security: [{}, { sessionCookie: [] }],
  path: "/logout",
  tags: ["auth"],
  summary: "Sign out this device: the session is destroyed and the cookie cleared",
  responses: { 204: { description: "Signed out (also when there was no session)" } },
});

const logoutAllRoute = createRoute({
  method: "post",
  operationId: "logoutEverywhere",
  path: "/logout-all",
  tags: ["auth"],
  summary: "Sign out everywhere: every session of the user is revoked",
  middleware: [requireSession({ strict: true })] as const,
  responses: { 204: { description: "Every session revoked" }, 401: problem("UNAUTHENTICATED") },
});

export const logout = createRouter()
  .openapi(logoutRoute, async (c) => {
    const token = readSessionToken(c.req.raw);
    if (token !== null) await sessionClient(c.env.SESSION).destroy(token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(logoutAllRoute, async (c) => {
    const { userId } = currentSession(c);
    const revoked = await sessionClient(c.env.SESSION).revokeAll(userId);
    clearSessionCookie(c);
    await audit(c, "sessions.revoked", { target: userId, detail: { count: revoked } });
    return c.body(null, 204);
  });
