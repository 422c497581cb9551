/** The two kinds of emailed link; both store only the token's SHA-256. */
export type TokenTable = "email_verifications" | "password_resets";

/** Issues a token and retires every older unused one of the same kind for that user. */
export async function issueToken(
  db: D1Database,
  table: TokenTable,
  token: { userId: string; tokenHash: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE ${table} SET used_at = ? WHERE user_id = ? AND used_at IS NULL`).bind(now, token.userId),
    db
      .prepare(`INSERT INTO ${table} (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`)
      .bind(token.tokenHash, token.userId, token.expiresAt, now),
  ]);
}

/**
 * Spends a token: one atomic statement, so two concurrent requests with the
 * same token cannot both succeed. Returns the user id, or null when the token
 * is unknown, used or expired.
 */
export async function consumeToken(db: D1Database, table: TokenTable, tokenHash: string, now: number): Promise<string | null> {
  const row = await db
    .prepare(
      `UPDATE ${table} SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
    )
    .bind(now, tokenHash, now)
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/** Retires every unused token of that kind for the account of `email`, if there is one. */
export async function retireTokensOfEmail(db: D1Database, table: TokenTable, email: string, now: number): Promise<void> {
  await db
    .prepare(`UPDATE ${table} SET used_at = ? WHERE used_at IS NULL AND user_id = (SELECT id FROM users WHERE email = ?)`)
    .bind(now, email)
    .run();
}

/** The user a live token belongs to, without spending it. */
export async function peekToken(db: D1Database, table: TokenTable, tokenHash: string, now: number): Promise<string | null> {
  const row = await db
    .prepare(`SELECT user_id FROM ${table} WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`)
    .bind(tokenHash, now)
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/** Retires every unused token of that kind for the user (e.g. after a password change). */
export async function retireTokens(db: D1Database, table: TokenTable, userId: string, now: number): Promise<void> {
  await db.prepare(`UPDATE ${table} SET used_at = ? WHERE user_id = ? AND used_at IS NULL`).bind(now, userId).run();
}

/**
 * Marks the address verified and spends the verification token, in one batch and
 * only if the token is live for that user and `epoch` is still their credential
 * epoch: the password proven with the token is the one the account keeps.
 */
export async function verifyWithToken(db: D1Database, userId: string, tokenHash: string, epoch: number, now: number): Promise<boolean> {
  const live = `EXISTS (SELECT 1 FROM email_verifications WHERE token_hash = ?3 AND user_id = ?1 AND used_at IS NULL AND expires_at > ?4)
    AND EXISTS (SELECT 1 FROM users WHERE id = ?1 AND credential_epoch = ?2)`;
  const [verified] = await db.batch([
    db
      .prepare(`UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?4), updated_at = ?4 WHERE id = ?1 AND ${live} RETURNING id`)
      .bind(userId, epoch, tokenHash, now),
    db.prepare(`UPDATE email_verifications SET used_at = ?4 WHERE token_hash = ?3 AND ${live}`).bind(userId, epoch, tokenHash, now),
  ]);
  return (verified?.results.length ?? 0) > 0;
}
