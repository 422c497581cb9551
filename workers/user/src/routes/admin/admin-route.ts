import { createRoute } from "../../openapi";
import { requirePermission } from "../../middleware/permission";
import { requireSession } from "../../middleware/session";
import { problem } from "../../schemas";

type RouteConfig = Parameters<typeof createRoute>[0];

/**
 * An admin route: a strict session (checked in D1, so a revoked session cannot
 * act through the KV propagation window) holding `permission`. The permission
 * is also written into the OpenAPI operation as `x-permission`, which is what
 * the route-by-role tests read.
 */
export function adminRoute<const R extends Omit<RouteConfig, "middleware">>(permission: string, config: R) {
  return createRoute({
    ...config,
    tags: ["admin"],
    "x-permission": permission,
    middleware: [requireSession({ strict: true }), requirePermission(permission)] as const,
    responses: {
      ...config.responses,
      401: problem("UNAUTHENTICATED"),
      403: problem(`FORBIDDEN: needs ${permission}, and every permission of the user acted on or the role granted`),
    },
  });
}
