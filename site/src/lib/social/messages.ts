import { t, type MessageKey } from "../../i18n";

/** The codes the provider's redirect back may carry as `?error=<CODE>`, each with its message. */
const CODES = new Set([
  "OAUTH_STATE_MISMATCH",
  "OAUTH_FAILED",
  "OAUTH_EMAIL_UNVERIFIED",
  "OAUTH_EMAIL_IN_USE",
  "IDENTITY_IN_USE",
  "ACCOUNT_DISABLED",
  "RATE_LIMITED",
  "UNAUTHENTICATED",
]);

/** The message for this page's `?error=` code, or null when there is none (unknown codes get a generic one). */
export function socialErrorMessage(search: string): string | null {
  const code = new URLSearchParams(search).get("error");
  if (code === null) return null;
  return t(`social.${CODES.has(code) ? code : "OAUTH_FAILED"}` as MessageKey);
}
