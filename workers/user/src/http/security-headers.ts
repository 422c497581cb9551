import type { MiddlewareHandler } from "hono";
import { setSecurityHeaders } from "@workers-users/shared";

/**
 * The API's security headers on every answer, errors and 404s included, set by the Worker
 * itself: a Workers route (the `apiRoute` stack setting) reaches it without the site's gateway.
 * The gateway sets the same values again on what it forwards.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const url = new URL(c.req.url);
    try {
      // Set on the response Hono built: no copy on the hot path.
      setSecurityHeaders(c.res.headers, url, true);
    } catch {
      // Immutable headers (a response passed on from fetch()): copy it once, then set.
      c.res = new Response(c.res.body, c.res);
      setSecurityHeaders(c.res.headers, url, true);
    }
  };
}
