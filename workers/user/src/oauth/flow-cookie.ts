import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { nowSeconds } from "@workers-users/shared";

/**
 * One sign-in in flight, kept in this browser only: a `__Host-` cookie (HttpOnly,
 * Secure, SameSite=Lax so the provider's redirect back carries it) that lives 10 minutes.
 * The callback's `state` must equal the cookie's, which binds the answer to the browser
 * that started it: another browser, or an attacker's code, has no such cookie.
 */
export interface Flow {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
  /** "link": add the identity to `userId`, the account signed in when the flow began. */
  intent: "sign-in" | "link";
  userId: string | null;
  expiresAt: number;
}

export const FLOW_COOKIE = "__Host-oauth-flow";
export const FLOW_TTL_SECONDS = 600;
const MAX_COOKIE_LENGTH = 2048;
const attributes = { secure: true, httpOnly: true, sameSite: "Lax", path: "/" } as const;

function encode(flow: Flow): string {
  return btoa(JSON.stringify(flow)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(value: string): Flow | null {
  if (value.length > MAX_COOKIE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    const flow = JSON.parse(atob(value.replace(/-/g, "+").replace(/_/g, "/"))) as Flow;
    const strings = [flow.provider, flow.state, flow.nonce, flow.codeVerifier].every((v) => typeof v === "string" && v.length > 0);
    return strings && typeof flow.expiresAt === "number" ? flow : null;
  } catch {
    return null;
  }
}

export function saveFlow(c: Context, flow: Omit<Flow, "expiresAt">): void {
  const value: Flow = { ...flow, expiresAt: nowSeconds() + FLOW_TTL_SECONDS };
  setCookie(c, FLOW_COOKIE, encode(value), { ...attributes, maxAge: FLOW_TTL_SECONDS });
}

/** The flow of this browser for `provider`, once: the cookie is cleared whatever happens next. */
export function takeFlow(c: Context, provider: string): Flow | null {
  const raw = getCookie(c, FLOW_COOKIE);
  if (raw === undefined) return null;
  deleteCookie(c, FLOW_COOKIE, attributes);
  const flow = decode(raw);
  return flow !== null && flow.provider === provider && flow.expiresAt > nowSeconds() ? flow : null;
}
