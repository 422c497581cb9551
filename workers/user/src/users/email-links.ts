import type { MfaChange } from "../mfa/templates";
import type { Context } from "hono";
import { asLocale, DEFAULT_LOCALE, nowSeconds, randomToken, sha256, type Locale } from "@workers-users/shared";
import { getConfig } from "../config";
import { issueToken } from "../db/email-tokens";
import { takeMailBudget } from "../db/mail-budget";
import { setUserLocale, type UserRow } from "../db/users";
import { requestLocale } from "../i18n";
import { queueMail } from "../mail/enqueue";
import type { AppEnv } from "../types";

/**
 * Every link mail (register, forgot-password, resend-verification, change of address, an admin's links) shares one budget per address (MAIL_BUDGET_PER_HOUR,
 * 3 by default): true when this message may be sent. Beyond it the API answers as
 * usual and sends nothing, so nobody can flood a mailbox through us.
 */
export async function spendMailBudget(env: Env, address: string): Promise<boolean> {
  return takeMailBudget(env.DB, address, getConfig(env).mailBudgetPerHour, nowSeconds());
}

/** Issues a fresh single-use link token (only its hash is stored) and returns the link. */
async function issueLink(c: Context<AppEnv>, user: UserRow, kind: "verify" | "reset"): Promise<{ link: string; ttl: number }> {
  const config = getConfig(c.env);
  const ttl = kind === "verify" ? config.verifyTokenTtl : config.resetTokenTtl;
  const token = randomToken(32);
  const now = nowSeconds();
  const table = kind === "verify" ? "email_verifications" : "password_resets";
  await issueToken(c.env.DB, table, { userId: user.id, tokenHash: await sha256(token), expiresAt: now + ttl }, now);
  // The configured public URL, never the request's Host header: links cannot be pointed elsewhere.
  return { link: `${config.appUrl}/${kind}?token=${token}`, ttl };
}

/**
 * The language of a mail to `user`: the request's when it is theirs (register, forgot
 * password, their own change), the one they last used when someone else caused it (an admin).
 */
export function mailLocale(c: Context<AppEnv>, user: Pick<UserRow, "id" | "locale">): Locale {
  const actor = c.get("session")?.userId;
  if (actor !== undefined && actor !== user.id) return asLocale(user.locale) ?? DEFAULT_LOCALE;
  return requestLocale(c);
}

// Each queues its message and returns: the consumer sends it, retrying while the provider is down.
export async function sendVerification(c: Context<AppEnv>, user: UserRow): Promise<void> {
  const { link, ttl } = await issueLink(c, user, "verify");
  const locale = mailLocale(c, user);
  // A new registration's language, until the user signs in and says otherwise.
  if (user.locale === null && c.get("session")?.userId === undefined) await setUserLocale(c.env.DB, user.id, locale, true);
  await queueMail(c.env, { kind: "verification", to: user.email, link, ttl, locale });
}

export async function sendPasswordReset(c: Context<AppEnv>, user: UserRow): Promise<void> {
  const { link, ttl } = await issueLink(c, user, "reset");
  await queueMail(c.env, { kind: "reset", to: user.email, link, ttl, locale: mailLocale(c, user) });
}

export async function sendAlreadyRegistered(c: Context<AppEnv>, user: UserRow): Promise<void> {
  await queueMail(c.env, { kind: "already-registered", to: user.email, locale: mailLocale(c, user) });
}

export async function sendPasswordChanged(c: Context<AppEnv>, user: UserRow): Promise<void> {
  await queueMail(c.env, { kind: "password-changed", to: user.email, locale: mailLocale(c, user) });
}

/** Second factors turned on, off, or reset by an admin: the owner hears of a change they did not make. */
export async function sendMfaChanged(c: Context<AppEnv>, user: UserRow, change: MfaChange): Promise<void> {
  await queueMail(c.env, { kind: "mfa-changed", to: user.email, change, locale: mailLocale(c, user) });
}
