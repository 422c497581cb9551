/** What the page says when the provider's redirect back came with `?error=<CODE>`. */
const MESSAGES: Record<string, string> = {
  OAUTH_STATE_MISMATCH: "That sign-in did not start in this browser, or took longer than 10 minutes. Please try again.",
  OAUTH_FAILED: "The sign-in with the provider could not be completed. Please try again.",
  OAUTH_EMAIL_UNVERIFIED: "The provider has not verified an email address for you, so no account was made. Verify it there, or register with a password.",
  OAUTH_EMAIL_IN_USE:
    "An account with this email address already exists. For your safety it is not linked automatically: sign in to it with your password, then link the provider from your account page.",
  IDENTITY_IN_USE: "That provider account is already linked to an account here, or yours already has one from that provider.",
  ACCOUNT_DISABLED: "This account is disabled.",
  RATE_LIMITED: "Too many attempts on this account. Try again later.",
  UNAUTHENTICATED: "Your session ended before the link was finished. Sign in and try again.",
};

/** The message for this page's `?error=` code, or null when there is none (unknown codes get a generic one). */
export function socialErrorMessage(search: string): string | null {
  const code = new URLSearchParams(search).get("error");
  if (code === null) return null;
  return MESSAGES[code] ?? MESSAGES["OAUTH_FAILED"]!;
}
