import type { Context } from "hono";
import { getConfig } from "../config";
import type { AppEnv } from "../types";
import { outboxProvider } from "./outbox";
import { resendProvider } from "./resend";
import type { EmailProvider } from "./types";

/** The provider the Worker's config names. */
export function mailer(c: Context<AppEnv>): EmailProvider {
  const config = getConfig(c.env);
  if (config.emailProvider === "resend") {
    return resendProvider({ apiKey: c.env.RESEND_API_KEY ?? "", from: config.emailFrom }, (p) => c.executionCtx.waitUntil(p));
  }
  return outboxProvider(c.env.DB);
}
