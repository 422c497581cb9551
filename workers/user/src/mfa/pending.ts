import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { nowSeconds, randomToken, sha256 } from "@workers-users/shared";
import type { AppEnv } from "../types";

/**
 * The cookie of a sign-in waiting for its second factor. Single purpose: it holds a random
 * token whose hash names a `mfa_pending_logins` row, and no route but the second step reads
 * it. SameSite=Lax so that a social sign-in's redirect back carries it.
 */
export const MFA_COOKIE = "__Host-mfa";
/** How long the second step may take. */
export const PENDING_TTL_SECONDS = 5 * 60;
/** Wrong codes one pending sign-in may take; then it is gone and the first step starts over. */
export const PENDING_MAX_ATTEMPTS = 5;

const attributes = { secure: true, httpOnly: true, sameSite: "Lax", path: "/" } as const;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface PendingLogin {
  tokenHash: string;
  userId: string;
  /** The credential epoch read before the first credential was checked. */
  epoch: number;
  device: string | null;
  /** `password`, or the provider a social sign-in came through. */
  via: string;
  returnTo: string | null;
}

/** Stores a pending sign-in and sets its cookie. */
export async function startPending(c: Context<AppEnv>, pending: Omit<PendingLogin, "tokenHash">): Promise<void> {
  const token = randomToken(32);
  const now = nowSeconds();
  await c.env.DB.prepare(
    `INSERT INTO mfa_pending_logins (token_hash, user_id, epoch, device, via, return_to, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(await sha256(token), pending.userId, pending.epoch, pending.device, pending.via, pending.returnTo, now, now + PENDING_TTL_SECONDS)
    .run();
  setCookie(c, MFA_COOKIE, token, { ...attributes, maxAge: PENDING_TTL_SECONDS });
}

/** The live pending sign-in of this request's cookie, or null (none, expired, or out of attempts). */
export async function findPending(c: Context<AppEnv>): Promise<PendingLogin | null> {
  const token = getCookie(c, MFA_COOKIE);
  if (token === undefined || !TOKEN.test(token)) return null;
  const row = await c.env.DB.prepare(
    `SELECT token_hash, user_id, epoch, device, via, return_to FROM mfa_pending_logins
     WHERE token_hash = ? AND expires_at > ? AND attempts < ?`,
  )
    .bind(await sha256(token), nowSeconds(), PENDING_MAX_ATTEMPTS)
    .first<{ token_hash: string; user_id: string; epoch: number; device: string | null; via: string; return_to: string | null }>();
  if (!row) return null;
  return { tokenHash: row.token_hash, userId: row.user_id, epoch: row.epoch, device: row.device, via: row.via, returnTo: row.return_to };
}

/** Counts a wrong code; the pending sign-in ends at its last attempt. Returns the attempts left. */
export async function countWrongCode(db: D1Database, tokenHash: string): Promise<number> {
  const row = await db
    .prepare("UPDATE mfa_pending_logins SET attempts = attempts + 1 WHERE token_hash = ? RETURNING attempts")
    .bind(tokenHash)
    .first<{ attempts: number }>();
  const left = PENDING_MAX_ATTEMPTS - (row?.attempts ?? PENDING_MAX_ATTEMPTS);
  if (left <= 0) await db.prepare("DELETE FROM mfa_pending_logins WHERE token_hash = ?").bind(tokenHash).run();
  return left;
}

/** Ends a pending sign-in: its row and its cookie. */
export async function endPending(c: Context<AppEnv>, tokenHash: string | null): Promise<void> {
  if (tokenHash !== null) await c.env.DB.prepare("DELETE FROM mfa_pending_logins WHERE token_hash = ?").bind(tokenHash).run();
  deleteCookie(c, MFA_COOKIE, attributes);
}

/** Takes the pending sign-in for its completion, once: of two requests racing, one gets it. */
export async function takePending(db: D1Database, tokenHash: string): Promise<boolean> {
  const row = await db.prepare("DELETE FROM mfa_pending_logins WHERE token_hash = ? AND expires_at > ? RETURNING user_id").bind(tokenHash, nowSeconds()).first();
  return row !== null;
}
