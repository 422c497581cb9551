export interface ThrottleState {
  failures: number;
  lockedUntil: number;
  lockCount: number;
}

/** The account's key, spent by every browser it does not trust; keyed by the normalised address, known or not. */
export const loginKey = (email: string) => `login:${email}`;
/** The account's second-factor budget, spent by every browser it does not trust. */
export const mfaKey = (userId: string) => `mfa:${userId}`;
/** A trusted browser's own key (see users/devices.ts). */
export const deviceKey = (tokenHash: string) => `device:${tokenHash}`;

/** Failures older than this no longer count: the counter is for consecutive attempts. */
export const FAILURE_MEMORY_SECONDS = 24 * 3600;

export async function readThrottle(db: D1Database, key: string): Promise<ThrottleState | null> {
  const row = await db
    .prepare("SELECT failures, locked_until, lock_count FROM login_throttle WHERE key = ?")
    .bind(key)
    .first<{ failures: number; locked_until: number; lock_count: number }>();
  return row ? { failures: row.failures, lockedUntil: row.locked_until, lockCount: row.lock_count } : null;
}

/** Counts one failure in a single statement, so concurrent failures all count. */
export async function addFailure(db: D1Database, key: string, now: number): Promise<ThrottleState> {
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (key, failures, updated_at) VALUES (?1, 1, ?2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN updated_at < ?2 - ?3 THEN 1 ELSE failures + 1 END,
         lock_count = CASE WHEN updated_at < ?2 - ?3 THEN 0 ELSE lock_count END,
         updated_at = ?2
       RETURNING failures, locked_until, lock_count`,
    )
    .bind(key, now, FAILURE_MEMORY_SECONDS)
    .first<{ failures: number; locked_until: number; lock_count: number }>();
  return { failures: row!.failures, lockedUntil: row!.locked_until, lockCount: row!.lock_count };
}

/**
 * Sets a wait (or, with `resetFailures`, a lock) that ends at `lockedUntil`, never an earlier
 * end than the one stored: parallel failures write in any order, and a wait written late by
 * the one that counted the 6th failure must not shorten the lock set by the one that counted
 * the 10th. Only a success or an admin ends a lock early (both delete the row).
 */
export async function setLock(db: D1Database, key: string, lockedUntil: number, resetFailures: boolean): Promise<void> {
  await db
    .prepare(
      `UPDATE login_throttle SET locked_until = MAX(locked_until, ?2),
         failures = CASE WHEN ?3 THEN 0 ELSE failures END,
         lock_count = CASE WHEN ?3 THEN lock_count + 1 ELSE lock_count END
       WHERE key = ?1`,
    )
    .bind(key, lockedUntil, resetFailures ? 1 : 0)
    .run();
}

export async function clearThrottle(db: D1Database, key: string): Promise<void> {
  await db.prepare("DELETE FROM login_throttle WHERE key = ?").bind(key).run();
}

/** Lifts every lock on a user's sign-in: the account's (`login:<email>`) and each of their trusted browsers'. */
export async function clearUserThrottles(db: D1Database, userId: string, email: string): Promise<void> {
  await db
    .prepare(
      `DELETE FROM login_throttle WHERE key IN (?1, ?4)
         OR key IN (SELECT ?3 || token_hash FROM trusted_devices WHERE user_id = ?2)
         OR key IN (SELECT 'mfa-device:' || token_hash FROM trusted_devices WHERE user_id = ?2)`,
    )
    .bind(loginKey(email), userId, deviceKey(""), mfaKey(userId))
    .run();
}
