import type { EmailMessage } from "../email/types";

export interface OutboxMessage extends EmailMessage {
  createdAt: number;
}

/** Stores a message once per idempotency key: a retried send of it changes nothing. */
export async function insertOutboxMessage(db: D1Database, message: EmailMessage, idempotencyKey: string, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO outbox (to_email, subject, text_body, html_body, created_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .bind(message.to, message.subject, message.text, message.html, now, idempotencyKey)
    .run();
}

/** Newest first; all recipients when `to` is null. */
export async function listOutbox(db: D1Database, to: string | null, limit: number): Promise<OutboxMessage[]> {
  const { results } = await db
    .prepare(
      `SELECT to_email, subject, text_body, html_body, created_at FROM outbox
       WHERE ?1 IS NULL OR to_email = ?1 ORDER BY id DESC LIMIT ?2`,
    )
    .bind(to, limit)
    .all<{
    to_email: string;
    subject: string;
    text_body: string;
    html_body: string;
    created_at: number;
  }>();
  return results.map((r) => ({ to: r.to_email, subject: r.subject, text: r.text_body, html: r.html_body, createdAt: r.created_at }));
}
