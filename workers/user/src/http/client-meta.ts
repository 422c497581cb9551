import type { Context } from "hono";
import type { ClientMeta } from "@workers-users/shared";

/** Cloudflare sets CF-Connecting-IP at its edge; clients cannot forge it there. */
export function clientMeta(c: Context): ClientMeta {
  return {
    userAgent: c.req.header("user-agent")?.slice(0, 256) ?? null,
    ip: c.req.header("cf-connecting-ip") ?? null,
  };
}
