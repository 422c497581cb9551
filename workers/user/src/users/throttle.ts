import { HttpProblem, nowSeconds } from "@workers-users/shared";
import { getConfig } from "../config";
import { addFailure, clearThrottle, readThrottle, setLock } from "../db/throttle";

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

/** Reset emails: 2 free per address, then waits, then a lock, so nobody can flood a mailbox. */
export function forgotPolicy(env: Env): ThrottlePolicy {
  return { ...loginPolicy(env), free: 2, lockAfter: 5 };
}


/** 429 with Retry-After while `key` waits or is locked. Checked before any password work. */
export async function assertNotThrottled(db: D1Database, key: string): Promise<void> {
  const state = await readThrottle(db, key);
  const wait = state ? state.lockedUntil - nowSeconds() : 0;
  if (wait > 0) throw new HttpProblem("RATE_LIMITED", { detail: `Too many attempts. Try again in ${wait} s.`, headers: { "Retry-After": String(wait) } });
}

export async function recordFailure(db: D1Database, key: string, policy: ThrottlePolicy): Promise<void> {
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

export async function recordSuccess(db: D1Database, key: string): Promise<void> {
  await clearThrottle(db, key);
}

export const loginKey = (email: string) => `login:${email}`;
export const forgotKey = (email: string) => `forgot:${email}`;

/** A re-authentication (current password) counts like a login attempt of that account. */
export async function assertReauthenticated(env: Env, user: { email: string }, ok: () => Promise<boolean>): Promise<void> {
  const key = loginKey(user.email);
  await assertNotThrottled(env.DB, key);
  if (!(await ok())) {
    await recordFailure(env.DB, key, loginPolicy(env));
    throw new HttpProblem("INVALID_CREDENTIALS");
  }
  await recordSuccess(env.DB, key);
}
