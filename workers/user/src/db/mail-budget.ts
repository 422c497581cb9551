/** The budget counts the last hour: older rows are dead (upkeep deletes them). */
export const MAIL_WINDOW_SECONDS = 3600;

/**
 * Takes one message from the address's budget: true when fewer than `perHour`
 * were sent to it in the last hour (and records this one), false otherwise.
 * One batch, so concurrent requests cannot both take the last one.
 */
export async function takeMailBudget(db: D1Database, address: string, perHour: number, now: number): Promise<boolean> {
  const [, taken] = await db.batch([
    db.prepare("DELETE FROM mail_sends WHERE address = ?1 AND sent_at <= ?2").bind(address, now - MAIL_WINDOW_SECONDS),
    db
      .prepare(
        `INSERT INTO mail_sends (address, sent_at) SELECT ?1, ?2
         WHERE (SELECT COUNT(*) FROM mail_sends WHERE address = ?1) < ?3 RETURNING sent_at`,
      )
      .bind(address, now, perHour),
  ]);
  return (taken?.results.length ?? 0) > 0;
}
