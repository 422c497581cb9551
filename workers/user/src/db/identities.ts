import type { UserRow } from "./users";

export interface IdentityRow {
  provider: string;
  subject: string;
  user_id: string;
  email: string | null;
  linked_at: number;
  last_used_at: number;
}

export interface NewIdentity {
  provider: string;
  subject: string;
  userId: string;
  email: string | null;
}

export async function findIdentity(db: D1Database, provider: string, subject: string): Promise<IdentityRow | null> {
  return db.prepare("SELECT * FROM identities WHERE provider = ? AND subject = ?").bind(provider, subject).first<IdentityRow>();
}

export async function listIdentities(db: D1Database, userId: string): Promise<IdentityRow[]> {
  const { results } = await db.prepare("SELECT * FROM identities WHERE user_id = ? ORDER BY linked_at, provider").bind(userId).all<IdentityRow>();
  return results;
}

export async function touchIdentity(db: D1Database, provider: string, subject: string, now: number): Promise<void> {
  await db.prepare("UPDATE identities SET last_used_at = ? WHERE provider = ? AND subject = ?").bind(now, provider, subject).run();
}

const insertIdentity = (db: D1Database, identity: NewIdentity, now: number) =>
  db
    .prepare("INSERT INTO identities (provider, subject, user_id, email, linked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(identity.provider, identity.subject, identity.userId, identity.email, now, now);

const isUniqueViolation = (error: unknown) => error instanceof Error && /UNIQUE constraint failed/.test(error.message);

/** Links an identity; false when it is linked already (to anyone) or the user has one at this provider. */
export async function linkIdentity(db: D1Database, identity: NewIdentity, now: number): Promise<boolean> {
  try {
    await insertIdentity(db, identity, now).run();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * A new account for a provider identity, in one transaction: verified (the provider vouched
 * for the address), without a password (`password_hash` ''), linked. Null when the address
 * or the identity was taken meanwhile: the unique indexes decide races.
 */
export async function createUserWithIdentity(
  db: D1Database,
  user: { id: string; email: string; name: string | null },
  identity: Omit<NewIdentity, "userId">,
  now: number,
): Promise<UserRow | null> {
  const insertUser = db
    .prepare(
      `INSERT INTO users (id, email, name, password_hash, email_verified_at, password_changed_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, '', ?4, ?4, ?4, ?4) RETURNING *`,
    )
    .bind(user.id, user.email, user.name, now);
  try {
    const [created] = await db.batch<UserRow>([insertUser, insertIdentity(db, { ...identity, userId: user.id }, now)]);
    return created?.results[0] ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Unlinks the user's identity at `provider` unless it is their last way to sign in (no
 * password and no other identity), decided in the same statement so two unlinks cannot race
 * past it.
 */
export async function unlinkIdentity(db: D1Database, userId: string, provider: string): Promise<"unlinked" | "not_found" | "last_method"> {
  const row = await db
    .prepare(
      `DELETE FROM identities WHERE user_id = ?1 AND provider = ?2
         AND ((SELECT password_hash FROM users WHERE id = ?1) <> ''
              OR (SELECT COUNT(*) FROM identities WHERE user_id = ?1) > 1)
       RETURNING subject`,
    )
    .bind(userId, provider)
    .first();
  if (row) return "unlinked";
  const exists = await db.prepare("SELECT 1 FROM identities WHERE user_id = ? AND provider = ?").bind(userId, provider).first();
  return exists ? "last_method" : "not_found";
}
