import type { MiddlewareHandler } from "hono";
import { hasPermission, isPermissionGrant } from "../permissions";
import { HttpProblem, problemResponse } from "../problem";
import { signedInUser, type AuthenticatedVariables } from "./require-auth";

/**
 * Lets through only signed-in users whose effective permissions (from their
 * roles, wildcards included) cover `permission`: 401 UNAUTHENTICATED without a
 * user, 403 FORBIDDEN without the permission. Runs after `session()`; narrows
 * `c.var.user` to non-null like `requireAuth()`.
 *
 * @example
 * app.use("*", session());
 * app.post("/notes", requirePermission("notes:write"), async (c) => {
 *   // c.var.user.id is the author
 * });
 */
export function requirePermission(permission: string): MiddlewareHandler<{ Variables: AuthenticatedVariables }> {
  // A wildcard or malformed requirement is never satisfied: refuse it when the app is built, not on every request.
  if (!isPermissionGrant(permission) || permission.includes("*")) {
    throw new TypeError(`requirePermission: "${permission}" is not a resource:action permission`);
  }
  return async function requirePermission(c, next) {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    if (!hasPermission(user.permissions, permission)) return problemResponse(new HttpProblem("FORBIDDEN"));
    await next();
  };
}
