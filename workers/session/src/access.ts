import type { SessionUser } from "@workers-users/shared";

/** Role name → the permissions it grants, as the hot path reads it from KV. */
export type RoleMap = Record<string, string[]>;

export const ROLE_MAP_KEY = "rbac:roles";
/**
 * Admin changes publish the map at once; the TTL only bounds how long a grant
 * changed by a migration (outside the admin API) can go unseen.
 */
export const ROLE_MAP_TTL = 300;

export async function roleMapFromD1(db: D1Database): Promise<RoleMap> {
  const { results } = await db
    .prepare("SELECT r.name, rp.permission FROM roles r LEFT JOIN role_permissions rp ON rp.role = r.name ORDER BY r.name, rp.permission")
    .all<{ name: string; permission: string | null }>();
  const map: RoleMap = {};
  for (const { name, permission } of results) (map[name] ??= []).push(...(permission ? [permission] : []));
  return map;
}

export async function publishRoleMap(kv: KVNamespace, map: RoleMap): Promise<void> {
  await kv.put(ROLE_MAP_KEY, JSON.stringify(map), { expirationTtl: ROLE_MAP_TTL });
}

/**
 * The session's user with permissions computed from its roles now, so a grant
 * changed for a role reaches every member's next request without rewriting
 * their sessions. Roles that no longer exist are dropped.
 */
export function withAccess(user: SessionUser, map: RoleMap): SessionUser {
  const roles = user.roles.filter((role) => Object.hasOwn(map, role));
  const permissions = [...new Set(roles.flatMap((role) => map[role]!))].sort();
  return { ...user, roles, permissions };
}

/**
 * The user behind a session, read from D1 (strongly consistent): null when the
 * session is no longer in the index, or the user is gone or disabled.
 */
export async function strictUser(db: D1Database, tokenHash: string, now: number): Promise<SessionUser | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.email, u.name, u.email_verified_at,
         (SELECT json_group_array(role) FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role)) AS roles,
         (SELECT json_group_array(permission) FROM (SELECT DISTINCT rp.permission FROM user_roles ur
            JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = u.id ORDER BY rp.permission)) AS permissions
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
    )
    .bind(tokenHash, now)
    .first<{ id: string; email: string; name: string | null; email_verified_at: number | null; roles: string; permissions: string }>();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    roles: JSON.parse(row.roles) as string[],
    permissions: JSON.parse(row.permissions) as string[],
  };
}
