/** The user a live trusted-device token belongs to, or null. */
export async function deviceOwner(db: D1Database, tokenHash: string, now: number): Promise<string | null> {
  const row = await db
    .prepare("SELECT user_id FROM trusted_devices WHERE token_hash = ? AND expires_at > ?")
    .bind(tokenHash, now)
    .first<{ user_id: string }>();
  return row?.user_id ?? null;
}

/** Trusts a new device for a user, keeping only their `keep` most recently used ones. */
export async function addDevice(
  db: D1Database,
  device: { tokenHash: string; userId: string; expiresAt: number },
  keep: number,
  now: number,
): Promise<void> {
  await db.batch([
    db
      .prepare("INSERT INTO trusted_devices (token_hash, user_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .bind(device.tokenHash, device.userId, now, now, device.expiresAt),
    db
      .prepare(
        `DELETE FROM trusted_devices WHERE user_id = ?1 AND (expires_at <= ?2 OR token_hash NOT IN (
           SELECT token_hash FROM trusted_devices WHERE user_id = ?1 ORDER BY last_used_at DESC, rowid DESC LIMIT ?3))`,
      )
      .bind(device.userId, now, keep),
  ]);
}

export async function touchDevice(db: D1Database, tokenHash: string, now: number): Promise<void> {
  await db.prepare("UPDATE trusted_devices SET last_used_at = ? WHERE token_hash = ?").bind(now, tokenHash).run();
}
