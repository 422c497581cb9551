import type { EmailMessage } from "./types";

type Template = Omit<EmailMessage, "to">;

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

export function layout(paragraphs: string[], action?: { label: string; href: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const button = action
    ? `<p><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#555">Or paste this address into your browser:<br>${escapeHtml(action.href)}</p>`
    : "";
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">${body}${button}</body></html>`;
}

/**
 * A mail whose point is one link: the first paragraph, the link on its own, then the rest
 * (plain text); the paragraphs and a button to the link (HTML).
 */
export function linkEmail(subject: string, lines: [string, ...string[]], action: { label: string; href: string }): Template {
  const [first, ...rest] = lines;
  return { subject, text: `${first}\n\n${action.href}\n\n${rest.join("\n")}\n`, html: layout(lines, action) };
}

/** A notice: its paragraphs (the links they name in the text), and a button to what the reader may want to do. */
export function noticeEmail(subject: string, lines: string[], action: { label: string; href: string }): Template {
  return { subject, text: `${lines.join("\n\n")}\n`, html: layout(lines, action) };
}

export const hours = (seconds: number) => (seconds >= 3600 ? `${Math.round(seconds / 3600)} hours` : `${Math.round(seconds / 60)} minutes`);

export function verificationEmail(link: string, ttl: number): Template {
  return linkEmail(
    "Confirm your email address",
    [
      "Confirm your email address to finish creating your account.",
      `The link works once and expires in ${hours(ttl)}.`,
      "If you did not just create an account, ignore this email: nothing happens without the link.",
    ],
    { label: "Confirm email address", href: link },
  );
}

export function resetEmail(link: string, ttl: number): Template {
  return linkEmail(
    "Reset your password",
    [
      "Someone asked to reset the password of your account.",
      `The link works once and expires in ${hours(ttl)}. Resetting signs out every device.`,
      "If it was not you, ignore this email: your password stays as it is.",
    ],
    { label: "Choose a new password", href: link },
  );
}

export function alreadyRegisteredEmail(loginLink: string, forgotLink: string): Template {
  const lines = [
    "Someone tried to create an account with this email address, but you already have one.",
    `If it was you, sign in at ${loginLink} or reset your password at ${forgotLink}.`,
    "If it was not you, you can ignore this email: your account is unchanged.",
  ];
  return noticeEmail("You already have an account", lines, { label: "Sign in", href: loginLink });
}

export function passwordChangedEmail(forgotLink: string): Template {
  const lines = [
    "The password of your account was just changed, and every other device was signed out.",
    `If it was not you, reset your password at ${forgotLink} at once.`,
  ];
  return noticeEmail("Your password was changed", lines, { label: "Reset password", href: forgotLink });
}
