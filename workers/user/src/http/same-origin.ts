import type { MiddlewareHandler } from "hono";
import { HttpProblem, isCrossSiteRequest } from "@workers-users/shared";
import { getConfig } from "../config";
import type { AppEnv } from "../types";

/**
 * CSRF defence without tokens (`isCrossSiteRequest` in workers/shared, the rule
 * every Worker uses): state-changing requests from another site get 403. The
 * configured public URL counts as this origin too.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async function sameOrigin(c, next) {
    if (isCrossSiteRequest(c.req.raw, { allowedOrigins: [getConfig(c.env).appUrl] })) throw new HttpProblem("CROSS_SITE_REQUEST");
    await next();
  };
}
