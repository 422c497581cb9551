import { getConfig } from "../config";
import { outboxProvider } from "./outbox";
import { resendProvider } from "./resend";
import type { EmailProvider } from "./types";

/** The provider the Worker's config names. */
export function mailer(env: Env, fetcher: typeof fetch = fetch): EmailProvider {
  const config = getConfig(env);
  if (config.emailProvider === "resend") {
    const { resendApiUrl, sendTimeoutMs } = config.mail;
    return resendProvider({ apiKey: env.RESEND_API_KEY ?? "", from: config.emailFrom, apiUrl: resendApiUrl, timeoutMs: sendTimeoutMs }, fetcher);
  }
  return outboxProvider(env.DB);
}
