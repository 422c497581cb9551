import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { nowSeconds, randomToken, sha256 } from "@workers-users/shared";
import { addDevice, deviceOwner, touchDevice } from "../db/devices";
import type { AppEnv } from "../types";

/**
 * OWASP's device cookie: a browser that has signed in to an account gets a random
 * token (D1 keeps its SHA-256), and its failed logins count against a budget of
 * its own. Failures from anywhere else can lock the account, never this browser.
 */
export const DEVICE_COOKIE = "__Host-device";
export const DEVICE_TTL_SECONDS = 365 * 24 * 3600;
/** Trusted browsers kept per user: the most recently used ones. */
export const DEVICES_PER_USER = 10;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The hash of this browser's device token when it is trusted for `userId`, else
 * null. Looked up whenever the cookie is present, known user or not, so the
 * answer's timing does not depend on whether the address has an account.
 */
export async function trustedDevice(c: Context<AppEnv>, userId: string | null): Promise<string | null> {
  const token = getCookie(c, DEVICE_COOKIE);
  if (token === undefined || !TOKEN.test(token)) return null;
  const tokenHash = await sha256(token);
  const owner = await deviceOwner(c.env.DB, tokenHash, nowSeconds());
  return owner !== null && owner === userId ? tokenHash : null;
}

/** After a sign-in: this browser is trusted for the user (a new token unless it already was). */
export async function trustDevice(c: Context<AppEnv>, userId: string, trustedHash: string | null): Promise<void> {
  const now = nowSeconds();
  if (trustedHash !== null) return touchDevice(c.env.DB, trustedHash, now);
  const token = randomToken(32);
  await addDevice(c.env.DB, { tokenHash: await sha256(token), userId, expiresAt: now + DEVICE_TTL_SECONDS }, DEVICES_PER_USER, now);
  // Sent only with this origin's own requests; never readable by scripts.
  setCookie(c, DEVICE_COOKIE, token, { secure: true, httpOnly: true, sameSite: "Strict", path: "/", maxAge: DEVICE_TTL_SECONDS });
}
