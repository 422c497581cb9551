import type { AdminRole } from "@workers-users/shared";

interface RawRole {
  name: string;
  description: string;
  permissions: string | null;
  members: number;
}

const ROLE_SELECT = `SELECT r.name, r.description,
    (SELECT json_group_array(permission) FROM (SELECT permission FROM role_permissions WHERE role = r.name ORDER BY permission)) AS permissions,
    (SELECT COUNT(*) FROM user_roles WHERE role = r.name) AS members
  FROM roles r`;

/** A role as stored; the admin API adds whether the signed-in admin may grant it. */
export type RoleRow = Omit<AdminRole, "grantable">;

const toRole = (raw: RawRole): RoleRow => ({
  name: raw.name,
  description: raw.description,
  permissions: JSON.parse(raw.permissions ?? "[]") as string[],
  members: raw.members,
});

export async function listRoles(db: D1Database): Promise<RoleRow[]> {
  const { results } = await db.prepare(`${ROLE_SELECT} ORDER BY r.name`).all<RawRole>();
  return results.map(toRole);
}

export async function getRole(db: D1Database, name: string): Promise<RoleRow | null> {
  const raw = await db.prepare(`${ROLE_SELECT} WHERE r.name = ?`).bind(name).first<RawRole>();
  return raw ? toRole(raw) : null;
}

/** False when a role of that name exists already. */
export async function createRole(db: D1Database, name: string, description: string, now: number): Promise<boolean> {
  const row = await db
    .prepare("INSERT INTO roles (name, description, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING name")
    .bind(name, description, now, now)
    .first();
  return row !== null;
}

export async function updateRoleDescription(db: D1Database, name: string, description: string, now: number): Promise<boolean> {
  const row = await db.prepare("UPDATE roles SET description = ?, updated_at = ? WHERE name = ? RETURNING name").bind(description, now, name).first();
  return row !== null;
}

/** Deletes a role and, by cascade, its grants and memberships; returns the former members. */
export async function deleteRole(db: D1Database, name: string): Promise<string[] | null> {
  const [members, deleted] = await db.batch<{ user_id?: string; name?: string }>([
    db.prepare("SELECT user_id FROM user_roles WHERE role = ?").bind(name),
    db.prepare("DELETE FROM roles WHERE name = ? RETURNING name").bind(name),
  ]);
  if (!deleted || deleted.results.length === 0) return null;
  return (members?.results ?? []).map((r) => r.user_id!);
}

export async function replaceRolePermissions(db: D1Database, name: string, permissions: string[], now: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM role_permissions WHERE role = ?").bind(name),
    ...permissions.map((p) => db.prepare("INSERT INTO role_permissions (role, permission) VALUES (?, ?)").bind(name, p)),
    db.prepare("UPDATE roles SET updated_at = ? WHERE name = ?").bind(now, name),
  ]);
}

/** The catalogue with what each permission means (`permissions.description`). */
export async function describedPermissions(db: D1Database): Promise<{ name: string; description: string }[]> {
  const { results } = await db.prepare("SELECT name, description FROM permissions ORDER BY name").all<{ name: string; description: string | null }>();
  return results.map((r) => ({ name: r.name, description: r.description ?? "" }));
}

export async function permissionCatalogue(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT name FROM permissions ORDER BY name").all<{ name: string }>();
  return results.map((r) => r.name);
}

export async function rolesOfUser(db: D1Database, userId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role").bind(userId).all<{ role: string }>();
  return results.map((r) => r.role);
}

/** False when the user had the role already (or user or role does not exist). */
export async function assignRole(db: D1Database, userId: string, role: string, now: number): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO user_roles (user_id, role, created_at)
       SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?1) AND EXISTS (SELECT 1 FROM roles WHERE name = ?2)
       ON CONFLICT (user_id, role) DO NOTHING RETURNING role`,
    )
    .bind(userId, role, now)
    .first();
  return row !== null;
}

/**
 * SQL condition, true when user `?1` is not the last enabled admin. Evaluated
 * inside the changing statement itself, so two admins demoting each other at
 * once cannot leave the system without one.
 */
export const NOT_LAST_ADMIN = `(NOT EXISTS (SELECT 1 FROM user_roles WHERE user_id = ?1 AND role = 'admin')
  OR EXISTS (SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id
             WHERE ur.role = 'admin' AND ur.user_id != ?1 AND u.disabled_at IS NULL))`;

export async function removeRole(db: D1Database, userId: string, role: string): Promise<"removed" | "not_assigned" | "last_admin"> {
  const guard = role === "admin" ? `AND ${NOT_LAST_ADMIN}` : "";
  const row = await db.prepare(`DELETE FROM user_roles WHERE user_id = ?1 AND role = ?2 ${guard} RETURNING role`).bind(userId, role).first();
  if (row !== null) return "removed";
  const still = await db.prepare("SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?").bind(userId, role).first();
  return still === null ? "not_assigned" : "last_admin";
}


/** The permissions a user's roles grant, as D1 holds them now; null when there is no such user. */
export async function permissionsOfUser(db: D1Database, userId: string): Promise<string[] | null> {
  const row = await db
    .prepare(
      `SELECT (SELECT json_group_array(permission) FROM (SELECT DISTINCT rp.permission FROM user_roles ur
         JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = u.id ORDER BY rp.permission)) AS permissions
       FROM users u WHERE u.id = ?`,
    )
    .bind(userId)
    .first<{ permissions: string }>();
  return row === null ? null : (JSON.parse(row.permissions) as string[]);
}
