/** A change of address waiting for its link: only the token's hash is stored. */
export async function issueEmailChange(
  db: D1Database,
  change: { userId: string; newEmail: string; tokenHash: string; expiresAt: number },
  now: number,
): Promise<void> {
  // The latest request wins: an older link for another address dies with it.
  await db.batch([
    db.prepare("UPDATE email_changes SET used_at = ? WHERE user_id = ? AND used_at IS NULL").bind(now, change.userId),
    db
      .prepare("INSERT INTO email_changes (token_hash, user_id, new_email, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")
      .bind(change.tokenHash, change.userId, change.newEmail, change.expiresAt, now),
  ]);
}

export type EmailChangeOutcome =
  | { type: "changed"; userId: string; oldEmail: string; newEmail: string }
  | { type: "invalid_token" }
  | { type: "email_taken" };

/**
 * Spends the token and moves the account to the new address in one batch: the token is
 * spent only if the address was free. The link proved the new mailbox, so it counts as verified.
 */
export async function applyEmailChange(db: D1Database, tokenHash: string, now: number): Promise<EmailChangeOutcome> {
  const pending = await db
    .prepare(
      `SELECT c.user_id, c.new_email, u.email AS old_email FROM email_changes c JOIN users u ON u.id = c.user_id
       WHERE c.token_hash = ? AND c.used_at IS NULL AND c.expires_at > ?`,
    )
    .bind(tokenHash, now)
    .first<{ user_id: string; new_email: string; old_email: string }>();
  if (pending === null) return { type: "invalid_token" };
  try {
    const [moved] = await db.batch([
      db
        .prepare(
          `UPDATE users SET email = ?3, email_verified_at = COALESCE(email_verified_at, ?4), updated_at = ?4
           WHERE id = ?1 AND EXISTS (SELECT 1 FROM email_changes WHERE token_hash = ?2 AND used_at IS NULL) RETURNING id`,
        )
        .bind(pending.user_id, tokenHash, pending.new_email, now),
      db.prepare("UPDATE email_changes SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL").bind(tokenHash, now),
    ]);
    if ((moved?.results.length ?? 0) === 0) return { type: "invalid_token" };
  } catch (error) {
    // users.email is UNIQUE: someone registered the address since the request.
    if (String(error).includes("UNIQUE")) return { type: "email_taken" };
    throw error;
  }
  return { type: "changed", userId: pending.user_id, oldEmail: pending.old_email, newEmail: pending.new_email };
}

/** Stops every pending change of the user (their password changed or was reset). */
export async function retireEmailChanges(db: D1Database, userId: string, now: number): Promise<void> {
  await db.prepare("UPDATE email_changes SET used_at = ? WHERE user_id = ? AND used_at IS NULL").bind(now, userId).run();
}
