import { noticeEmail } from "../email/templates";
import type { EmailMessage } from "../email/types";

type Template = Omit<EmailMessage, "to">;

export type MfaChange = "enabled" | "removed" | "reset";

const WHAT: Record<MfaChange, { subject: string; line: string }> = {
  enabled: { subject: "Two-step verification is on", line: "Two-step verification was just turned on for your account: signing in now also asks for a code from your app." },
  removed: { subject: "Two-step verification is off", line: "Two-step verification was just turned off for your account: signing in asks for your password only." },
  reset: { subject: "Two-step verification was reset", line: "An administrator reset two-step verification for your account: your app's codes and your recovery codes no longer work, and signing in asks for your password only." },
};

/** To the account's address whenever its second factors change, so the owner hears of a change they did not make. */
export function mfaChangedEmail(change: MfaChange, accountLink: string, forgotLink: string): Template {
  const { subject, line } = WHAT[change];
  const lines = [line, `You can set it up again on your account page: ${accountLink}`, `If it was not you, reset your password at ${forgotLink} at once.`];
  return noticeEmail(subject, lines, { label: "Open your account", href: accountLink });
}
