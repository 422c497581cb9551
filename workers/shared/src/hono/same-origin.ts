import type { MiddlewareHandler } from "hono";
import { HttpProblem, problemResponse } from "../problem";
import { isCrossSiteRequest, type SameOriginOptions } from "../same-origin";

/**
 * CSRF guard for state-changing methods: `Sec-Fetch-Site`, when sent, must be
 * `same-origin` or `none`; `Origin`, when sent, must be the request's own
 * origin or one of `allowedOrigins`. Anything else gets 403
 * CROSS_SITE_REQUEST problem+json. GET, HEAD and OPTIONS pass untouched.
 *
 * @example
 * app.use("*", sameOrigin());
 * app.use("*", sameOrigin({ allowedOrigins: ["https://app.example.com"] }));
 */
export function sameOrigin(options: SameOriginOptions = {}): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    if (isCrossSiteRequest(c.req.raw, options)) return problemResponse(new HttpProblem("CROSS_SITE_REQUEST"));
    await next();
  };
}
