import type { SessionSummary } from "@workers-users/shared";

/** One row of the session index, as stored. */
export interface IndexRow {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
  authenticatedAt: number;
}

/**
 * Inserts a session's row only if `epoch` is still the user's credential epoch
 * and the user is enabled, in one statement; false when it is not (or the user is gone).
 */
export async function insertSessionIfCurrent(db: D1Database, row: IndexRow, epoch: number): Promise<boolean> {
  const inserted = await db
    .prepare(
      `INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, user_agent, ip, epoch, authenticated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
       WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2 AND credential_epoch = ?9 AND disabled_at IS NULL)
       RETURNING id`,
    )
    .bind(row.id, row.userId, row.tokenHash, row.createdAt, row.lastSeenAt, row.expiresAt, row.userAgent, row.ip, epoch, row.authenticatedAt)
    .first();
  return inserted !== null;
}

/** The session's authentication time, as strict checks read it. */
export async function setAuthenticatedAt(db: D1Database, tokenHash: string, at: number): Promise<boolean> {
  const row = await db.prepare("UPDATE sessions SET authenticated_at = ? WHERE token_hash = ? RETURNING id").bind(at, tokenHash).first();
  return row !== null;
}

export async function touchSession(db: D1Database, tokenHash: string, lastSeenAt: number): Promise<void> {
  await db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").bind(lastSeenAt, tokenHash).run();
}

/**
 * Live sessions of a user, newest first; within one second, insertion order
 * (rowid) decides. `idleTimeout` turns last-seen into an expiry.
 */
export async function listForUser(
  db: D1Database,
  userId: string,
  now: number,
  idleTimeout: number,
): Promise<SessionSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT id, created_at, last_seen_at, expires_at, user_agent, ip FROM sessions
       WHERE user_id = ? AND expires_at > ? AND last_seen_at + ? > ?
       ORDER BY created_at DESC, rowid DESC`,
    )
    .bind(userId, now, idleTimeout, now)
    .all<{ id: string; created_at: number; last_seen_at: number; expires_at: number; user_agent: string | null; ip: string | null }>();
  return results.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: Math.min(r.expires_at, r.last_seen_at + idleTimeout),
    userAgent: r.user_agent,
    ip: r.ip,
  }));
}

/** The token hashes of a user's sessions, as a statement for a batch. */
export function tokenHashesStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare("SELECT token_hash FROM sessions WHERE user_id = ?").bind(userId);
}

/** Deletes one session of `userId`; the token hash comes back so KV can follow. */
export async function deleteOne(db: D1Database, userId: string, id: string): Promise<string | null> {
  const row = await db
    .prepare("DELETE FROM sessions WHERE id = ? AND user_id = ? RETURNING token_hash")
    .bind(id, userId)
    .first<{ token_hash: string }>();
  return row?.token_hash ?? null;
}

export async function deleteAllForUser(db: D1Database, userId: string, exceptId?: string): Promise<string[]> {
  const { results } = await db
    .prepare("DELETE FROM sessions WHERE user_id = ? AND id != ? RETURNING token_hash")
    .bind(userId, exceptId ?? "")
    .all<{ token_hash: string }>();
  return results.map((r) => r.token_hash);
}

export async function deleteByTokenHash(db: D1Database, tokenHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(tokenHash).run();
}

/**
 * Removes a user's expired sessions and the oldest ones beyond `keep` (same
 * order as `listForUser`), so a user's index (and the work of revoking it)
 * stays bounded. A statement for a batch: its rows are the removed token hashes.
 */
export function pruneStatement(db: D1Database, userId: string, now: number, idleTimeout: number, keep: number): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM sessions WHERE user_id = ?1 AND (
         expires_at <= ?2 OR last_seen_at + ?3 <= ?2 OR id NOT IN (
           SELECT id FROM sessions WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT ?4))
       RETURNING token_hash`,
    )
    .bind(userId, now, idleTimeout, keep);
}

/**
 * Deletes up to `limit` rows of sessions past their absolute or idle expiry,
 * the longest expired first, so the next run picks up where this one stopped.
 * Returns the deleted token hashes, so KV can follow.
 */
export async function deleteExpired(db: D1Database, now: number, idleTimeout: number, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `DELETE FROM sessions WHERE rowid IN (
         SELECT rowid FROM sessions WHERE expires_at <= ?1 OR last_seen_at + ?2 <= ?1
         ORDER BY min(expires_at, last_seen_at + ?2) LIMIT ?3)
       RETURNING token_hash`,
    )
    .bind(now, idleTimeout, limit)
    .all<{ token_hash: string }>();
  return results.map((r) => r.token_hash);
}
