import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { fromBase64url, nowSeconds, randomToken, sha256 } from "@workers-users/shared";
import type { AppEnv } from "../types";

/** A ceremony has this long from its options to its answer (WebAuthn's own timeout is the same). */
export const CHALLENGE_TTL_SECONDS = 300;
export const CHALLENGE_COOKIE = "__Host-passkey";
const attributes = { secure: true, httpOnly: true, sameSite: "Strict", path: "/" } as const;

/** `register` adds a passkey to its user; `assert` proves one (of its user, when it names one). */
export type ChallengePurpose = "register" | "assert";

/**
 * Keeps a ceremony's challenge for this browser only: D1 holds the SHA-256 of the challenge
 * and of a random value in an HttpOnly cookie, so neither a copy of D1 nor another browser
 * can answer it. The cookie is kept across ceremonies, so two tabs do not cancel each other.
 */
export async function issueChallenge(c: Context<AppEnv>, challenge: string, purpose: ChallengePurpose, userId: string | null): Promise<void> {
  const current = getCookie(c, CHALLENGE_COOKIE);
  const browser = current !== undefined && /^[A-Za-z0-9_-]{43}$/.test(current) ? current : randomToken(32);
  const now = nowSeconds();
  await c.env.DB.prepare(
    "INSERT INTO passkey_challenges (challenge_hash, browser_hash, purpose, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(await sha256(challenge), await sha256(browser), purpose, userId, now + CHALLENGE_TTL_SECONDS, now)
    .run();
  setCookie(c, CHALLENGE_COOKIE, browser, { ...attributes, maxAge: CHALLENGE_TTL_SECONDS });
}

export type TakenChallenge = { type: "ok"; challenge: string; userId: string | null } | { type: "challenge_invalid" };

/**
 * Spends the challenge a response signed, once: the row is deleted whether or not the
 * response then verifies, so a replay finds nothing. It must have been issued to this
 * browser, for this purpose, and not have expired.
 */
export async function takeChallenge(c: Context<AppEnv>, clientDataJSON: string, purpose: ChallengePurpose): Promise<TakenChallenge> {
  const browser = getCookie(c, CHALLENGE_COOKIE);
  const challenge = challengeOf(clientDataJSON);
  if (browser === undefined || challenge === null) return { type: "challenge_invalid" };
  const row = await c.env.DB.prepare(
    "DELETE FROM passkey_challenges WHERE challenge_hash = ? AND browser_hash = ? AND purpose = ? RETURNING user_id, expires_at",
  )
    .bind(await sha256(challenge), await sha256(browser), purpose)
    .first<{ user_id: string | null; expires_at: number }>();
  if (row === null || row.expires_at <= nowSeconds()) return { type: "challenge_invalid" };
  return { type: "ok", challenge, userId: row.user_id };
}

/** The challenge inside a response's clientDataJSON (base64url JSON), or null when it has none. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const { challenge } = JSON.parse(new TextDecoder().decode(fromBase64url(clientDataJSON))) as { challenge?: unknown };
    return typeof challenge === "string" && challenge.length > 0 && challenge.length <= 128 ? challenge : null;
  } catch {
    return null;
  }
}
