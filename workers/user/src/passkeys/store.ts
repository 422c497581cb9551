import type { PasskeyCredential } from "@workers-users/shared";

export interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

/** What the account page shows of a passkey; the public key stays on the server. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
}

export function toView(row: PasskeyRow): PasskeyView {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, backedUp: row.backed_up === 1 };
}

export function toCredential(row: PasskeyRow): PasskeyCredential {
  const transports: unknown = JSON.parse(row.transports);
  return { id: row.id, publicKey: row.public_key, counter: row.counter, transports: Array.isArray(transports) ? transports.map(String) : [] };
}

export async function listPasskeys(db: D1Database, userId: string): Promise<PasskeyRow[]> {
  const { results } = await db.prepare("SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at, id").bind(userId).all<PasskeyRow>();
  return results;
}

export async function findPasskey(db: D1Database, id: string): Promise<PasskeyRow | null> {
  return db.prepare("SELECT * FROM passkeys WHERE id = ?").bind(id).first<PasskeyRow>();
}

/**
 * Stores a new passkey while the user has fewer than `max`: null when they have `max`
 * already, or when the credential is registered (to anyone) already.
 */
export async function insertPasskey(
  db: D1Database,
  passkey: { userId: string; credential: PasskeyCredential; name: string; backedUp: boolean; max: number },
  now: number,
): Promise<PasskeyRow | null> {
  const { userId, credential, name, backedUp, max } = passkey;
  return db
    .prepare(
      `INSERT INTO passkeys (id, user_id, public_key, counter, transports, name, backed_up, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE (SELECT count(*) FROM passkeys WHERE user_id = ?2) < ?9
       ON CONFLICT (id) DO NOTHING RETURNING *`,
    )
    .bind(credential.id, userId, credential.publicKey, credential.counter, JSON.stringify(credential.transports), name, backedUp ? 1 : 0, now, max)
    .first<PasskeyRow>();
}

/**
 * Moves the counter on from the value the verification was given: a concurrent assertion
 * that moved it first makes this one lose (false), so one counter value signs in once.
 */
export async function recordUse(db: D1Database, id: string, expectedCounter: number, newCounter: number, now: number): Promise<boolean> {
  const result = await db
    .prepare("UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ? AND counter = ?")
    .bind(newCounter, now, id, expectedCounter)
    .run();
  return (result.meta.changes ?? 0) === 1;
}

/** Renames one of the user's passkeys; null when the user has no such passkey. */
export async function renamePasskey(db: D1Database, userId: string, id: string, name: string): Promise<PasskeyRow | null> {
  return db.prepare("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ? RETURNING *").bind(name, id, userId).first<PasskeyRow>();
}

/** Removes one of the user's passkeys; false when the user has no such passkey. */
export async function removePasskey(db: D1Database, userId: string, id: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM passkeys WHERE id = ? AND user_id = ?").bind(id, userId).run();
  return (result.meta.changes ?? 0) === 1;
}
