import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { call, login, PASSWORD, verifiedUser } from "../helpers";
import { userIdOf } from "../admin/fixtures";

/** A fixed clock at the start of a 30-second step, so codes and windows are exact. */
export const T0 = 1_900_000_020;

export function fakeClock(at = T0): (seconds: number) => void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at * 1000);
  return (seconds) => vi.setSystemTime(Date.now() + seconds * 1000);
}

/** The code an authenticator app shows for `secret` (base32) at `unixSeconds`. */
export function codeAt(secret: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(unixSeconds / 30)), 6);
}

/** `name=value` of a cookie a response sets, and its whole header; null when it sets none. */
export function cookieSet(res: Response, name: string): { pair: string; header: string } | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header ? { pair: header.split(";")[0]!, header } : null;
}

/** Turns TOTP on for a signed-in user through the API, with the code of now; returns what the user saw. */
export async function enrolTotp(cookie: string): Promise<{ secret: string; otpauthUrl: string; recoveryCodes: string[] }> {
  const started = await call("POST", "/api/account/mfa/totp", { cookie });
  expect(started.status).toBe(200);
  const { secret, otpauthUrl } = (await started.json()) as { secret: string; otpauthUrl: string };
  const confirmed = await call("POST", "/api/account/mfa/totp/confirm", { cookie, body: { code: codeAt(secret) } });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { secret, otpauthUrl, recoveryCodes };
}

export interface MfaUser {
  email: string;
  id: string;
  cookie: string;
  secret: string;
  recoveryCodes: string[];
}

/** A verified user with TOTP on, signed in (the session that enrolled). */
export async function userWithTotp(tag = "mfa"): Promise<MfaUser> {
  const email = await verifiedUser(tag);
  const cookie = await login(email);
  const { secret, recoveryCodes } = await enrolTotp(cookie);
  return { email, id: await userIdOf(email), cookie, secret, recoveryCodes };
}

/** The first step: the password, answered with the pending cookie (asserted: and no session). */
export async function firstStep(email: string, password = PASSWORD): Promise<string> {
  const res = await call("POST", "/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ mfaRequired: true });
  expect(cookieSet(res, "__Host-session")).toBeNull();
  return cookieSet(res, "__Host-mfa")!.pair;
}

export const verify = (pending: string, body: object) => call("POST", "/api/auth/mfa/verify", { cookie: pending, body });

export async function auditOf(userId: string): Promise<Array<{ action: string; actor_id: string | null; detail: string }>> {
  const { results } = await env.DB.prepare("SELECT action, actor_id, detail FROM audit_log WHERE target = ? ORDER BY id").bind(userId).all<{ action: string; actor_id: string | null; detail: string }>();
  return results;
}
