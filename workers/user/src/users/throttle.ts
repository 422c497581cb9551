import type { Context } from "hono";
import { HttpProblem, nowSeconds } from "@workers-users/shared";
import { getConfig } from "../config";
import { addFailure, clearThrottle, deviceKey, loginKey, mfaKey, readThrottle, setLock } from "../db/throttle";
import type { AppEnv } from "../types";
import { trustedDevice } from "./devices";

export interface ThrottlePolicy {
  /** Failures answered without any wait. */
  free: number;
  /** The failure count that locks. */
  lockAfter: number;
  lockSeconds: number;
  maxLockSeconds: number;
}

/** Logins: 4 free failures, then 2, 4, 8, 16, 32 s waits, then a lock (15 min, doubling, capped). */
export function loginPolicy(env: Env): ThrottlePolicy {
  const { threshold, seconds, maxSeconds } = getConfig(env).lockout;
  return { free: Math.min(4, threshold - 1), lockAfter: threshold, lockSeconds: seconds, maxLockSeconds: maxSeconds };
}

/** 429 with Retry-After while `key` waits or is locked. Checked before any password work. */
async function assertNotThrottled(db: D1Database, key: string): Promise<void> {
  const state = await readThrottle(db, key);
  const wait = state ? state.lockedUntil - nowSeconds() : 0;
  if (wait > 0) throw new HttpProblem("RATE_LIMITED", { detail: `Too many attempts. Try again in ${wait} s.`, headers: { "Retry-After": String(wait) } });
}

async function recordFailure(db: D1Database, key: string, policy: ThrottlePolicy): Promise<void> {
  const now = nowSeconds();
  const state = await addFailure(db, key, now);
  if (state.failures >= policy.lockAfter) {
    // Each lock is capped: an attacker cannot lock the owner out for longer than maxLockSeconds.
    const seconds = Math.min(policy.lockSeconds * 2 ** state.lockCount, policy.maxLockSeconds);
    await setLock(db, key, now + seconds, true);
  } else if (state.failures > policy.free) {
    await setLock(db, key, now + 2 ** (state.failures - policy.free), false);
  }
}

async function recordSuccess(db: D1Database, key: string): Promise<void> {
  await clearThrottle(db, key);
}


/**
 * Whose failure budget a password attempt spends: this browser's own when it is
 * trusted for the account (see users/devices.ts), else the account's, shared by
 * every other client. `device` is the trusted device's hash, for the sign-in after.
 */
async function attemptBudget(
  c: Context<AppEnv>,
  user: { id: string } | null,
  email: string,
): Promise<{ key: string; device: string | null }> {
  const device = await trustedDevice(c, user?.id ?? null);
  return { key: device === null ? loginKey(email) : deviceKey(device), device };
}

/**
 * A sign-in by another credential (a provider identity) into `user`: refused with 429 while
 * this browser's budget for the account waits or is locked, exactly as a password would be.
 * It neither counts nor clears password failures: proving a provider identity says nothing
 * about who is guessing the password. Returns the trusted device's hash (or null).
 */
export async function assertSignInAllowed(c: Context<AppEnv>, user: { id: string; email: string }): Promise<string | null> {
  const budget = await attemptBudget(c, user, user.email);
  await assertNotThrottled(c.env.DB, budget.key);
  return budget.device;
}

/**
 * One password attempt against an account, however it arrives (login, the verify page, a
 * re-authentication): 429 while this browser's budget waits, then `check`; a failure is
 * counted, reported to `onFailure` and answered 401 INVALID_CREDENTIALS. Returns the
 * trusted device's hash (or null) for the sign-in that may follow.
 */
export async function provePassword(
  c: Context<AppEnv>,
  account: { user: { id: string } | null; email: string },
  check: () => Promise<boolean>,
  onFailure: () => Promise<void> = async () => undefined,
): Promise<string | null> {
  const budget = await attemptBudget(c, account.user, account.email);
  await assertNotThrottled(c.env.DB, budget.key);
  if (!(await check())) {
    await recordFailure(c.env.DB, budget.key, loginPolicy(c.env));
    await onFailure();
    throw new HttpProblem("INVALID_CREDENTIALS");
  }
  await recordSuccess(c.env.DB, budget.key);
  return budget.device;
}

/**
 * One second-factor attempt (a TOTP or recovery code, a passkey) for `userId`: throttled like
 * a password on a budget of its own (this browser's when it is trusted for the account, else
 * the account's), a failure counted, reported to `onFailure` and answered 401 `refusal`
 * (INVALID_MFA_CODE, or PASSKEY_NOT_ACCEPTED for a passkey).
 */
export async function proveSecondFactor(
  c: Context<AppEnv>,
  account: { userId: string; device: string | null },
  check: () => Promise<boolean>,
  onFailure: () => Promise<void> = async () => undefined,
  refusal: "INVALID_MFA_CODE" | "PASSKEY_NOT_ACCEPTED" = "INVALID_MFA_CODE",
): Promise<void> {
  const key = account.device === null ? mfaKey(account.userId) : `mfa-device:${account.device}`;
  await assertNotThrottled(c.env.DB, key);
  if (!(await check())) {
    await recordFailure(c.env.DB, key, loginPolicy(c.env));
    await onFailure();
    throw new HttpProblem(refusal);
  }
  await recordSuccess(c.env.DB, key);
}
