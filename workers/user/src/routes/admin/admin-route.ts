import { createRoute } from "../../openapi";
import { requirePermission } from "../../middleware/permission";
import { requireSession } from "../../middleware/session";
import { requireRecentAuth } from "../../mfa/recent-auth";
import { problem } from "../../schemas";

type RouteConfig = Parameters<typeof createRoute>[0];

/**
 * An admin route: a strict session (checked in D1, so a revoked session cannot
 * act through the KV propagation window) holding `permission`. The permission
 * is also written into the OpenAPI operation as `x-permission`, which is what
 * the route-by-role tests read. Every write also needs a recent authentication
 * (`x-recent-auth`): a session left open cannot administer.
 */
export function adminRoute<const R extends Omit<RouteConfig, "middleware">>(permission: string, config: R) {
  const write = config.method !== "get";
  const middleware = [requireSession({ strict: true }), requirePermission(permission), ...(write ? [requireRecentAuth()] : [])];
  return createRoute({
    ...config,
    tags: ["admin"],
    "x-permission": permission,
    ...(write ? { "x-recent-auth": true } : {}),
    middleware,
    responses: {
      ...config.responses,
      401: problem(write ? "UNAUTHENTICATED, or REAUTH_REQUIRED when the last proof of a credential is over 10 minutes old" : "UNAUTHENTICATED"),
      403: problem(`FORBIDDEN: needs ${permission}, and every permission of the user acted on or the role granted`),
    },
  });
}
