import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { call } from "../../shared/test/support/worker-requests";

export { call, ORIGIN, problemOf, type CallOptions } from "../../shared/test/support/worker-requests";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${crypto.randomUUID()}@example.com`;
}

/** `name=value` of the session cookie a response sets, or null. */
export function sessionCookie(res: Response): string | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
  if (!header) return null;
  const pair = header.split(";")[0]!;
  return pair === "__Host-session=" ? null : pair;
}

export async function outbox(to: string): Promise<Array<{ subject: string; text: string; html: string; to: string }>> {
  const res = await call("GET", `/api/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Array<{ subject: string; text: string; html: string; to: string }> }).messages;
}

/** The token of the newest emailed link of a kind (`verify` or `reset`). */
export async function latestToken(to: string, kind: "verify" | "reset"): Promise<string> {
  for (const message of await outbox(to)) {
    const match = message.text.match(new RegExp(`/${kind}\\?token=([A-Za-z0-9_-]+)`));
    if (match) return match[1]!;
  }
  throw new Error(`no ${kind} link for ${to}`);
}

export async function register(email: string, password = PASSWORD, name?: string): Promise<Response> {
  return call("POST", "/api/auth/register", { body: { email, password, name } });
}

/**
 * A fresh account, registered through the API and marked verified in D1: for tests whose
 * subject comes after sign-up (verification itself is tested in verify-email.test.ts).
 * Reading the mailbox first lets register's deferred work (the default role, the mail) land.
 */
export async function verifiedUser(tag = "user", password = PASSWORD): Promise<string> {
  const email = uniqueEmail(tag);
  expect((await register(email, password)).status).toBe(202);
  await outbox(email);
  await env.DB.prepare("UPDATE users SET email_verified_at = unixepoch() WHERE email = ?").bind(email).run();
  return email;
}

/** Logs in and returns the session cookie pair. */
export async function login(email: string, password = PASSWORD): Promise<string> {
  const res = await call("POST", "/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  const cookie = sessionCookie(res);
  expect(cookie).not.toBeNull();
  return cookie!;
}

/**
 * Miniflare's rate limiters count in fixed windows aligned to the minute, so a burst that
 * straddles a window's end starts over in the next one. Waits, if need be, for a window with
 * `seconds` left: a test that counts a burst up to a limit calls it first. Real time, since a
 * test may have faked the clock.
 */
export async function withinOneRateWindow(seconds = 8): Promise<void> {
  const left = 60_000 - (vi.getRealSystemTime() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

