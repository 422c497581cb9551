export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  email_verified_at: number | null;
  disabled_at: number | null;
  password_changed_at: number;
  /** Bumped with every password change or reset and every disable (see `SessionGrant`). */
  credential_epoch: number;
  /** The language the user last used (a supported locale), for mail they did not ask for; null until known. */
  locale: string | null;
  created_at: number;
  updated_at: number;
}

export async function findUserByEmail(db: D1Database, email: string): Promise<UserRow | null> {
  return db.prepare("SELECT * FROM users WHERE email = ?").bind(email).first<UserRow>();
}

export async function findUserById(db: D1Database, id: string): Promise<UserRow | null> {
  return db.prepare("SELECT * FROM users WHERE id = ?").bind(id).first<UserRow>();
}

/** Remembers the language the user last used; `onlyIfUnknown` keeps one already stored. */
export async function setUserLocale(db: D1Database, id: string, locale: string, onlyIfUnknown = false): Promise<void> {
  const unknown = onlyIfUnknown ? " AND locale IS NULL" : "";
  await db.prepare(`UPDATE users SET locale = ? WHERE id = ? AND locale IS NOT ?${unknown}`).bind(locale, id, locale).run();
}

/** Inserts a new user; null when the email is taken (the UNIQUE index decides races). */
export async function insertUser(
  db: D1Database,
  user: { id: string; email: string; name: string | null; passwordHash: string },
  now: number,
): Promise<UserRow | null> {
  return db
    .prepare(
      `INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING *`,
    )
    .bind(user.id, user.email, user.name, user.passwordHash, now, now, now)
    .first<UserRow>();
}

/**
 * A new registration of a still-unverified address replaces the earlier attempt's
 * password: a credential change like any other, so the epoch moves with it.
 */
export async function replacePendingRegistration(
  db: D1Database,
  id: string,
  passwordHash: string,
  name: string | null,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE users SET password_hash = ?, name = ?, password_changed_at = ?, updated_at = ?, credential_epoch = credential_epoch + 1
       WHERE id = ? AND email_verified_at IS NULL`,
    )
    .bind(passwordHash, name, now, now, id)
    .run();
}

export async function markEmailVerified(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?), updated_at = ? WHERE id = ?")
    .bind(now, now, id)
    .run();
}

/**
 * Changes the password and moves the credential epoch in the same statement, so
 * no sign-in that began before it can end in a session. Returns the new epoch.
 */
export async function updatePasswordHash(db: D1Database, id: string, passwordHash: string, now: number): Promise<number> {
  const row = await db
    .prepare(
      `UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ?, credential_epoch = credential_epoch + 1
       WHERE id = ? RETURNING credential_epoch`,
    )
    .bind(passwordHash, now, now, id)
    .first<{ credential_epoch: number }>();
  if (!row) throw new Error("updatePasswordHash: no such user");
  return row.credential_epoch;
}

/** Same password, stronger parameters: not a password change, so sessions and the epoch stay. */
export async function rehashPassword(db: D1Database, id: string, passwordHash: string): Promise<void> {
  await db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(passwordHash, id).run();
}

export async function updateName(db: D1Database, id: string, name: string | null, now: number): Promise<UserRow | null> {
  return db
    .prepare("UPDATE users SET name = ?, updated_at = ? WHERE id = ? RETURNING *")
    .bind(name, now, id)
    .first<UserRow>();
}

export interface UserPageCursor {
  createdAt: number;
  id: string;
}

/** Who a list of users shows: `q` matches part of the email or name; a role; a state. */
export interface UserFilter {
  q: string | null;
  role: string | null;
  status: "active" | "unverified" | "disabled" | null;
}

// ?1 q, ?5 role, ?6 status: each NULL when not asked for.
// q is a plain substring, ASCII case folded as LIKE would: instr() has no pattern to escape
// and no pattern length limit (D1 refuses LIKE patterns past about 50 bytes).
const FILTERED = `(?1 IS NULL OR instr(lower(email), lower(?1)) > 0 OR instr(lower(name), lower(?1)) > 0)
  AND (?5 IS NULL OR id IN (SELECT user_id FROM user_roles WHERE role = ?5))
  AND (?6 IS NULL
    OR (?6 = 'disabled' AND disabled_at IS NOT NULL)
    OR (?6 = 'unverified' AND disabled_at IS NULL AND email_verified_at IS NULL)
    OR (?6 = 'active' AND disabled_at IS NULL AND email_verified_at IS NOT NULL))`;

/** A page of the users `filter` selects, newest first, and how many it selects in all. */
export async function listUsers(db: D1Database, filter: UserFilter, after: UserPageCursor | null, limit: number): Promise<{ rows: UserRow[]; total: number }> {
  const q = filter.q;
  const [page, count] = await db.batch<UserRow & { total?: number }>([
    db
      .prepare(
        `SELECT * FROM users WHERE ${FILTERED}
           AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
         ORDER BY created_at DESC, id DESC LIMIT ?4`,
      )
      .bind(q, after?.createdAt ?? null, after?.id ?? null, limit, filter.role, filter.status),
    db.prepare(`SELECT COUNT(*) AS total FROM users WHERE ${FILTERED.replaceAll("?5", "?2").replaceAll("?6", "?3")}`).bind(q, filter.role, filter.status),
  ]);
  return { rows: page?.results ?? [], total: count?.results[0]?.total ?? 0 };
}
