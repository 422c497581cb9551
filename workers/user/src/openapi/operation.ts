import type { RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { sessionGuards } from "../middleware/session";
import { problem } from "../schemas";

/** What jsonBody and sameOrigin (app.ts) look at: every method that may carry a body. */
const BODY_METHODS = new Set(["post", "put", "patch", "delete"]);

/** True when `requireSession` runs before the route's handler. */
export function needsSession(route: RouteConfig): boolean {
  const middleware = [route.middleware ?? []].flat() as MiddlewareHandler[];
  return middleware.some((handler) => sessionGuards.has(handler));
}

/**
 * A route as the document states it: what the app-wide middleware and the route's own
 * middleware answer is derived here rather than written in each route, so a new route
 * cannot forget its session cookie or the refusals every route shares. A route's own
 * description of a status wins over the generic one.
 */
export function describedOperation(route: RouteConfig): RouteConfig {
  const session = needsSession(route);
  const { body, query, params } = route.request ?? {};
  const shared: RouteConfig["responses"] = {};
  if (body || query || params) shared[400] = problem("VALIDATION_FAILED (or INVALID_JSON): the request does not match its schema");
  if (session) shared[401] = problem("UNAUTHENTICATED: no live session");
  if (BODY_METHODS.has(route.method)) {
    shared[403] = problem("CROSS_SITE_REQUEST: a state-changing request from another site");
    shared[413] = problem("PAYLOAD_TOO_LARGE: a body over 64 KiB");
    shared[415] = problem("UNSUPPORTED_MEDIA_TYPE: a body that is not JSON");
  }
  return {
    ...route,
    // The session cookie is declared wherever requireSession runs; elsewhere a route
    // that reads a session optionally says so itself (`security: [{}, { sessionCookie: [] }]`).
    security: session ? [{ sessionCookie: [] }] : (route.security ?? []),
    responses: {
      ...shared,
      ...route.responses,
      default: problem("Any other failure: rate limits, unavailable storage, internal errors (never with details)"),
    },
  };
}
