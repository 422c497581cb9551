import type { MiddlewareHandler } from "hono";
import { HttpProblem, problemResponse } from "../problem";
import type { Session, SessionUser } from "../session-contract";

/** The context variables once a guard has let the request through: never null. */
export interface AuthenticatedVariables {
  user: SessionUser;
  session: Session;
}

/**
 * The signed-in user of the request, or a 401 UNAUTHENTICATED answer. Throws
 * when `session()` did not run first: that is a wiring bug, not an anonymous user.
 * @internal
 */
export function signedInUser(c: { get(key: "user"): SessionUser | null | undefined }): SessionUser | Response {
  const user = c.get("user");
  if (user === undefined) throw new Error("session() must run before requireAuth() and requirePermission()");
  return user ?? problemResponse(new HttpProblem("UNAUTHENTICATED"));
}

/**
 * Lets only signed-in users through; anyone else gets 401 UNAUTHENTICATED
 * problem+json. Runs after `session()`. Used on a route, it also narrows
 * `c.var.user` and `c.var.session` to non-null for the handler.
 *
 * @example
 * app.use("*", session());
 * app.get("/me", requireAuth(), (c) => c.json({ email: c.var.user.email }));
 */
export function requireAuth(): MiddlewareHandler<{ Variables: AuthenticatedVariables }> {
  return async function requireAuth(c, next) {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    await next();
  };
}
