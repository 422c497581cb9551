import type { MiddlewareHandler } from "hono";
import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import type { AppEnv } from "../types";

/**
 * Per-IP throttling of one route group with the Workers Rate Limiting binding
 * (per location, approximate by design; the per-account counter in D1 is the
 * exact guard). Off only in the local stack with RATE_LIMIT_IP=off.
 */
export function ipRateLimit(scope: string): MiddlewareHandler<AppEnv> {
  return async function ipRateLimit(c, next) {
    if (getConfig(c.env).ipRateLimit) {
      const ip = c.req.header("cf-connecting-ip") ?? "unknown";
      const { success } = await c.env.IP_RATE_LIMITER.limit({ key: `${scope}:${ip}` });
      if (!success) throw new HttpProblem("RATE_LIMITED", { detail: "Too many requests from this address. Try again in a minute.", headers: { "Retry-After": "60" } });
    }
    await next();
  };
}
