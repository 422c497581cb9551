import { translator, type Translate } from "../i18n";
import type { EmailMessage } from "./types";

type Template = Omit<EmailMessage, "to">;

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

export function layout(paragraphs: string[], action?: { label: string; href: string }, pasteLink = "Or paste this address into your browser:"): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const button = action
    ? `<p><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(pasteLink)}<br>${escapeHtml(action.href)}</p>`
    : "";
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">${body}${button}</body></html>`;
}

/**
 * A mail whose point is one link: the first paragraph, the link on its own, then the rest
 * (plain text); the paragraphs and a button to the link (HTML). `pasteLink` is the line
 * under the button, in the mail's language.
 */
export function linkEmail(subject: string, lines: [string, ...string[]], action: { label: string; href: string }, pasteLink?: string): Template {
  const [first, ...rest] = lines;
  return { subject, text: `${first}\n\n${action.href}\n\n${rest.join("\n")}\n`, html: layout(lines, action, pasteLink) };
}

/** A notice: its paragraphs (the links they name in the text), and a button to what the reader may want to do. */
export function noticeEmail(subject: string, lines: string[], action: { label: string; href: string }, pasteLink?: string): Template {
  return { subject, text: `${lines.join("\n\n")}\n`, html: layout(lines, action, pasteLink) };
}

/** A token's lifetime in words: whole hours from an hour up, else minutes. */
export const hours = (seconds: number, t: Translate = translator("en")) =>
  seconds >= 3600 ? t("duration.hours", { count: Math.round(seconds / 3600) }) : t("duration.minutes", { count: Math.round(seconds / 60) });

/** A link mail from its catalogue entries: `<kind>.subject`, `.intro`, `.expiry`, `.ignore`, `.action`. */
export function linkMail(t: Translate, kind: "verification" | "reset" | "emailChange", link: string, ttl: number): Template {
  const lines: [string, ...string[]] = [t(`${kind}.intro`), t(`${kind}.expiry`, { duration: hours(ttl, t) }), t(`${kind}.ignore`)];
  return linkEmail(t(`${kind}.subject`), lines, { label: t(`${kind}.action`), href: link }, t("layout.pasteLink"));
}

export function verificationEmail(link: string, ttl: number, t: Translate = translator("en")): Template {
  return linkMail(t, "verification", link, ttl);
}

export function resetEmail(link: string, ttl: number, t: Translate = translator("en")): Template {
  return linkMail(t, "reset", link, ttl);
}

export function alreadyRegisteredEmail(loginLink: string, forgotLink: string, t: Translate = translator("en")): Template {
  const lines = [t("alreadyRegistered.intro"), t("alreadyRegistered.links", { loginLink, forgotLink }), t("alreadyRegistered.ignore")];
  return noticeEmail(t("alreadyRegistered.subject"), lines, { label: t("alreadyRegistered.action"), href: loginLink }, t("layout.pasteLink"));
}

export function passwordChangedEmail(forgotLink: string, t: Translate = translator("en")): Template {
  const lines = [t("passwordChanged.intro"), t("passwordChanged.notYou", { forgotLink })];
  return noticeEmail(t("passwordChanged.subject"), lines, { label: t("passwordChanged.action"), href: forgotLink }, t("layout.pasteLink"));
}
