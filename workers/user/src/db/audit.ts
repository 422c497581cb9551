import type { AuditEntry } from "@workers-users/shared";

/** An entry to record: the stored entry before it has an id and a time. */
export type NewAuditEntry = Omit<AuditEntry, "id" | "at" | "detail"> & { detail?: AuditEntry["detail"] };

export interface AuditFilter {
  actor?: string;
  target?: string;
  action?: string;
  since?: number;
  until?: number;
  /** Entries with a smaller id than this (the cursor), newest first. */
  before?: number;
}

export async function writeAudit(db: D1Database, entry: NewAuditEntry, now: number): Promise<void> {
  await db
    .prepare("INSERT INTO audit_log (at, actor_id, action, target, ip, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(now, entry.actorId, entry.action, entry.target, entry.ip, entry.userAgent, JSON.stringify(entry.detail ?? {}))
    .run();
}

export async function listAudit(db: D1Database, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, actor_id, action, target, ip, user_agent, detail FROM audit_log
       WHERE (?1 IS NULL OR actor_id = ?1) AND (?2 IS NULL OR target = ?2)
         AND (?3 IS NULL OR action = ?3 OR substr(action, 1, length(?3) + 1) = ?3 || '.')
         AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at <= ?5) AND (?6 IS NULL OR id < ?6)
       ORDER BY id DESC LIMIT ?7`,
    )
    .bind(filter.actor ?? null, filter.target ?? null, filter.action ?? null, filter.since ?? null, filter.until ?? null, filter.before ?? null, limit)
    .all<{ id: number; at: number; actor_id: string | null; action: string; target: string | null; ip: string | null; user_agent: string | null; detail: string }>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    ip: r.ip,
    userAgent: r.user_agent,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

/** Email and name of the users among `ids` (actors and targets of a page of entries), in one query. */
export async function usersById(db: D1Database, ids: string[]): Promise<Record<string, { email: string; name: string | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  // D1 binds at most 100 values a statement: one statement per 100 ids, in one batch.
  const chunks = Array.from({ length: Math.ceil(unique.length / 100) }, (_, i) => unique.slice(i * 100, i * 100 + 100));
  const answers = await db.batch<{ id: string; email: string; name: string | null }>(
    chunks.map((chunk) => db.prepare(`SELECT id, email, name FROM users WHERE id IN (${chunk.map(() => "?").join(",")})`).bind(...chunk)),
  );
  return Object.fromEntries(answers.flatMap((a) => a.results).map((r) => [r.id, { email: r.email, name: r.name }]));
}
