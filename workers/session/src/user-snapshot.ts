import type { SessionProfile } from "./record";

/** What a session carries of its user, as D1 holds it now. */
export interface UserSnapshot {
  profile: SessionProfile;
  /** Ids of the user's roles, in name order. */
  roleIds: string[];
  epoch: number;
  disabled: boolean;
}

interface Row {
  id: string;
  email: string;
  name: string | null;
  email_verified_at: number | null;
  credential_epoch: number;
  disabled_at: number | null;
  role_ids: string;
}

/** The statement reading a user's snapshot (for a batch); `toSnapshot` reads its row. */
export function snapshotStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT u.id, u.email, u.name, u.email_verified_at, u.credential_epoch, u.disabled_at,
         (SELECT json_group_array(id) FROM (SELECT r.id FROM user_roles ur JOIN roles r ON r.name = ur.role
            WHERE ur.user_id = u.id ORDER BY r.name)) AS role_ids
       FROM users u WHERE u.id = ?`,
    )
    .bind(userId);
}

export function toSnapshot(row: unknown): UserSnapshot | null {
  const r = row as Row | undefined;
  if (!r) return null;
  return {
    profile: { id: r.id, email: r.email, name: r.name, emailVerified: r.email_verified_at !== null },
    roleIds: JSON.parse(r.role_ids) as string[],
    epoch: r.credential_epoch,
    disabled: r.disabled_at !== null,
  };
}
