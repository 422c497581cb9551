import type { Context } from "hono";
import type { ClientMeta } from "@workers-users/shared";

/** Stored client input is bounded: an IPv6 literal with a zone fits in 64 characters. */
export const MAX_USER_AGENT = 256;
export const MAX_IP = 64;

/** Cloudflare sets CF-Connecting-IP at its edge; clients cannot forge it there. */
export function clientMeta(c: Context): ClientMeta {
  return {
    userAgent: c.req.header("user-agent")?.slice(0, MAX_USER_AGENT) ?? null,
    ip: c.req.header("cf-connecting-ip")?.slice(0, MAX_IP) ?? null,
  };
}
