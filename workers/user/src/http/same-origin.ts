import type { MiddlewareHandler } from "hono";
import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import type { AppEnv } from "../types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

/**
 * CSRF defence without tokens: a state-changing request must not come from
 * another site. Browsers always send `Origin` on such requests and
 * `Sec-Fetch-Site` where supported; clients that send neither are not browsers
 * and cannot be made to carry someone's cookie across sites.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async function sameOrigin(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) {
      throw new HttpProblem("CROSS_SITE_REQUEST");
    }
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      const allowed = [new URL(c.req.url).origin, getConfig(c.env).appUrl];
      if (!allowed.includes(origin)) throw new HttpProblem("CROSS_SITE_REQUEST");
    }
    await next();
  };
}
