import { alreadyRegisteredEmail, escapeHtml, passwordChangedEmail, resetEmail, verificationEmail } from "../email/templates";
import { emailChangeEmail, emailChangeNoticeEmail } from "../email-change/templates";
import type { EmailMessage } from "../email/types";
import { mfaChangedEmail, type MfaChange } from "../mfa/templates";

/**
 * One queued message: what the consumer needs to render and send it, nothing more.
 * Link mail carries its link (the mail must); notices carry none. `key` is the
 * provider's idempotency key, fixed at enqueue time so every retry sends the same one.
 */
export type MailJob = { key: string; to: string } & (
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
  if (NOTICE_KINDS.has(b.kind)) return { key: b.key, to: b.to, kind: b.kind as "already-registered" | "password-changed" };
  if (LINK_KINDS.has(b.kind) && typeof b.link === "string" && typeof b.ttl === "number") {
    return { key: b.key, to: b.to, kind: b.kind as "verification" | "reset" | "email-change", link: b.link, ttl: b.ttl };
  }
  if (b.kind === "email-change-notice" && typeof b.newEmail === "string") return { key: b.key, to: b.to, kind: b.kind, newEmail: b.newEmail };
  if (b.kind === "mfa-changed" && (b.change === "enabled" || b.change === "removed" || b.change === "reset")) return { key: b.key, to: b.to, kind: b.kind, change: b.change };
  return null;
}

/** The message a job stands for; notices link to the site's own pages. */
export function renderJob(job: MailJob, appUrl: string): EmailMessage {
  switch (job.kind) {
    case "verification":
      return { to: job.to, ...verificationEmail(job.link, job.ttl) };
    case "reset":
      return { to: job.to, ...resetEmail(job.link, job.ttl) };
    case "already-registered":
      return { to: job.to, ...alreadyRegisteredEmail(`${appUrl}/login`, `${appUrl}/forgot`) };
    case "password-changed":
      return { to: job.to, ...passwordChangedEmail(`${appUrl}/forgot`) };
    case "email-change":
      return { to: job.to, ...emailChangeEmail(job.link, job.ttl) };
    case "email-change-notice":
      return { to: job.to, ...emailChangeNoticeEmail(job.newEmail, `${appUrl}/forgot`) };
    case "mfa-changed":
      return { to: job.to, ...mfaChangedEmail(job.change, `${appUrl}/account`, `${appUrl}/forgot`) };
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
