import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { nowSeconds, SESSION_COOKIE, type Session } from "@workers-users/shared";

// `__Host-` requires Secure, Path=/ and no Domain: the cookie is pinned to this origin.
const attributes = { secure: true, httpOnly: true, sameSite: "Lax", path: "/" } as const;

/** The cookie lives until the session's absolute expiry; the server enforces idle expiry. */
export function setSessionCookie(c: Context, token: string, session: Session): void {
  const maxAge = Math.max(0, session.absoluteExpiresAt - nowSeconds());
  setCookie(c, SESSION_COOKIE, token, { ...attributes, maxAge });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, attributes);
}
