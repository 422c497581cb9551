import type { SealedSecret } from "./key";

export interface TotpRow {
  sealed: SealedSecret;
  confirmed: boolean;
  lastStep: number;
}

export async function findTotp(db: D1Database, userId: string): Promise<TotpRow | null> {
  const row = await db
    .prepare("SELECT secret_ciphertext, secret_iv, key_id, confirmed_at, last_step FROM mfa_totp WHERE user_id = ?")
    .bind(userId)
    .first<{ secret_ciphertext: string; secret_iv: string; key_id: string; confirmed_at: number | null; last_step: number }>();
  if (!row) return null;
  return { sealed: { ciphertext: row.secret_ciphertext, iv: row.secret_iv, keyId: row.key_id }, confirmed: row.confirmed_at !== null, lastStep: row.last_step };
}

/** A new secret awaiting its first code, replacing an unconfirmed one; false when TOTP is already on. */
export async function saveEnrolment(db: D1Database, userId: string, sealed: SealedSecret, now: number): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO mfa_totp (user_id, secret_ciphertext, secret_iv, key_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = ?2, secret_iv = ?3, key_id = ?4, created_at = ?5, last_step = 0
       WHERE mfa_totp.confirmed_at IS NULL
       RETURNING user_id`,
    )
    .bind(userId, sealed.ciphertext, sealed.iv, sealed.keyId, now)
    .first();
  return row !== null;
}

/**
 * Accepts a code's time step in one statement: for a confirmed secret (or, with `confirm`,
 * the pending one, which it confirms), only after the last accepted step. Two requests
 * racing with the same code: one wins, the other is a replay.
 */
export async function acceptStep(db: D1Database, userId: string, step: number, now: number, confirm = false): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE mfa_totp SET last_step = ?2, confirmed_at = coalesce(confirmed_at, ?3)
       WHERE user_id = ?1 AND last_step < ?2 AND (confirmed_at IS NOT NULL) = ?4
       RETURNING user_id`,
    )
    .bind(userId, step, now, confirm ? 0 : 1)
    .first();
  return row !== null;
}

/** The user's recovery codes become these (hashes), the old ones void. */
export async function replaceRecoveryCodes(db: D1Database, userId: string, hashes: string[], now: number): Promise<void> {
  const insert = db.prepare("INSERT INTO mfa_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)");
  await db.batch([
    db.prepare("DELETE FROM mfa_recovery_codes WHERE user_id = ?").bind(userId),
    ...hashes.map((hash) => insert.bind(userId, hash, now)),
  ]);
}

/** Spends one recovery code; false when it is not one of the user's unused codes. */
export async function useRecoveryCode(db: D1Database, userId: string, hash: string, now: number): Promise<boolean> {
  const row = await db
    .prepare("UPDATE mfa_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL RETURNING user_id")
    .bind(now, userId, hash)
    .first();
  return row !== null;
}

/**
 * Removes every second factor of a user and their sign-ins waiting for one: TOTP and its
 * recovery codes, and with `passkeys` (an admin's reset) the passkeys too. Says what was there.
 */
export async function removeMfa(db: D1Database, userId: string, options: { passkeys?: boolean } = {}): Promise<{ totp: boolean; passkeys: number }> {
  const [totp, , , passkeys] = await db.batch([
    db.prepare("DELETE FROM mfa_totp WHERE user_id = ? RETURNING confirmed_at").bind(userId),
    db.prepare("DELETE FROM mfa_recovery_codes WHERE user_id = ?").bind(userId),
    db.prepare("DELETE FROM mfa_pending_logins WHERE user_id = ?").bind(userId),
    ...(options.passkeys ? [db.prepare("DELETE FROM passkeys WHERE user_id = ?").bind(userId)] : []),
  ]);
  return {
    totp: (totp?.results ?? []).some((r) => (r as { confirmed_at: number | null }).confirmed_at !== null),
    passkeys: passkeys?.meta.changes ?? 0,
  };
}

export interface MfaStatus {
  totp: boolean;
  recoveryCodesLeft: number;
  /** How many passkeys the user has: each signs in alone, or answers the second step. */
  passkeys: number;
}

/** Second-factor status of each user, in one read (the sign-in gate, the admin list and the account page). */
export async function mfaStatuses(db: D1Database, userIds: string[]): Promise<Map<string, MfaStatus>> {
  const status = new Map(userIds.map((id) => [id, { totp: false, recoveryCodesLeft: 0, passkeys: 0 }]));
  if (userIds.length === 0) return status;
  const marks = userIds.map(() => "?").join(",");
  const { results } = await db
    .prepare(
      `SELECT u.id AS user_id,
         EXISTS (SELECT 1 FROM mfa_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS totp,
         (SELECT count(*) FROM mfa_recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS codes,
         (SELECT count(*) FROM passkeys p WHERE p.user_id = u.id) AS passkeys
       FROM users u WHERE u.id IN (${marks})`,
    )
    .bind(...userIds)
    .all<{ user_id: string; totp: number; codes: number; passkeys: number }>();
  // Recovery codes back TOTP up: without it they are not offered (and removing TOTP deletes them).
  for (const r of results) status.set(r.user_id, { totp: r.totp === 1, recoveryCodesLeft: r.totp === 1 ? r.codes : 0, passkeys: r.passkeys });
  return status;
}
