import { alreadyRegisteredEmail, escapeHtml, passwordChangedEmail, resetEmail, verificationEmail } from "../email/templates";
import { emailChangeEmail, emailChangeNoticeEmail } from "../email-change/templates";
import type { EmailMessage } from "../email/types";
import { translator } from "../i18n";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@workers-users/shared";
import { mfaChangedEmail, type MfaChange } from "../mfa/templates";

/**
 * One queued message: what the consumer needs to render and send it, nothing more.
 * Link mail carries its link (the mail must); notices carry none. `key` is the
 * provider's idempotency key, fixed at enqueue time so every retry sends the same one.
 * `locale` is the language it is written in, chosen when it is queued.
 */
export type MailJob = { key: string; to: string; locale: Locale } & (
  | { kind: "verification" | "reset" | "email-change"; link: string; ttl: number }
  | { kind: "already-registered" | "password-changed" }
  | { kind: "email-change-notice"; newEmail: string }
  | { kind: "mfa-changed"; change: MfaChange }
);

export type MailKind = MailJob["kind"];

const LINK_KINDS = new Set(["verification", "reset", "email-change"]);
const NOTICE_KINDS = new Set(["already-registered", "password-changed"]);

/** A queued body as a job, or null when it is not one (it is dead-lettered, never sent). */
export function parseMailJob(body: unknown): MailJob | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.key !== "string" || typeof b.to !== "string" || typeof b.kind !== "string") return null;
  // Jobs queued before messages had a language are English, as they were then.
  const head = { key: b.key, to: b.to, locale: asLocale(typeof b.locale === "string" ? b.locale : null) ?? DEFAULT_LOCALE };
  if (NOTICE_KINDS.has(b.kind)) return { ...head, kind: b.kind as "already-registered" | "password-changed" };
  if (LINK_KINDS.has(b.kind) && typeof b.link === "string" && typeof b.ttl === "number") {
    return { ...head, kind: b.kind as "verification" | "reset" | "email-change", link: b.link, ttl: b.ttl };
  }
  if (b.kind === "email-change-notice" && typeof b.newEmail === "string") return { ...head, kind: b.kind, newEmail: b.newEmail };
  if (b.kind === "mfa-changed" && (b.change === "enabled" || b.change === "removed" || b.change === "reset")) return { ...head, kind: b.kind, change: b.change };
  return null;
}

/** The message a job stands for, in its language; notices link to the site's own pages. */
export function renderJob(job: MailJob, appUrl: string): EmailMessage {
  const t = translator(job.locale);
  switch (job.kind) {
    case "verification":
      return { to: job.to, ...verificationEmail(job.link, job.ttl, t) };
    case "reset":
      return { to: job.to, ...resetEmail(job.link, job.ttl, t) };
    case "already-registered":
      return { to: job.to, ...alreadyRegisteredEmail(`${appUrl}/login`, `${appUrl}/forgot`, t) };
    case "password-changed":
      return { to: job.to, ...passwordChangedEmail(`${appUrl}/forgot`, t) };
    case "email-change":
      return { to: job.to, ...emailChangeEmail(job.link, job.ttl, t) };
    case "email-change-notice":
      return { to: job.to, ...emailChangeNoticeEmail(job.newEmail, `${appUrl}/forgot`, t) };
    case "mfa-changed":
      return { to: job.to, ...mfaChangedEmail(job.change, `${appUrl}/account`, `${appUrl}/forgot`, t) };
  }
}

/** The message signed with the product's name (APP_NAME), in text and HTML alike. */
export function signed(message: EmailMessage, appName: string): EmailMessage {
  const html = `<p style="font-size:13px;color:#555">— ${escapeHtml(appName)}</p></body>`;
  return { ...message, text: `${message.text}\n— ${appName}\n`, html: message.html.replace("</body>", html) };
}

/** A fresh idempotency key: Resend keeps one for 24 hours and takes up to 256 characters. */
export function newMailKey(kind: MailKind): string {
  return `${kind}/${crypto.randomUUID()}`;
}
