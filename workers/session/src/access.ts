import type { SessionUser } from "@workers-users/shared";
import type { SessionProfile } from "./record";

/** One role as the hot path reads it: its current name and the permissions it grants. */
export interface RoleEntry {
  name: string;
  permissions: string[];
}

/**
 * Role id → the role, as the hot path reads it from KV. Keyed by id, not name:
 * a role deleted and created again under the same name has a new id, so the
 * sessions of the old one's members find nothing under theirs.
 */
export type RoleMap = Record<string, RoleEntry>;

import { ROLE_MAP_KEY } from "./role-map-key";

export { ROLE_MAP_KEY };
/**
 * Admin changes publish the map at once; the TTL only bounds how long a grant
 * changed by a migration (outside the admin API) can go unseen.
 */
export const ROLE_MAP_TTL = 300;

export async function roleMapFromD1(db: D1Database): Promise<RoleMap> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.name, rp.permission FROM roles r LEFT JOIN role_permissions rp ON rp.role = r.name
       WHERE r.id IS NOT NULL ORDER BY r.name, rp.permission`,
    )
    .all<{ id: string; name: string; permission: string | null }>();
  const map: RoleMap = {};
  for (const { id, name, permission } of results) {
    const entry = (map[id] ??= { name, permissions: [] });
    if (permission) entry.permissions.push(permission);
  }
  return map;
}

export async function publishRoleMap(kv: KVNamespace, map: RoleMap): Promise<void> {
  await kv.put(ROLE_MAP_KEY, JSON.stringify(map), { expirationTtl: ROLE_MAP_TTL });
}

/**
 * The session's user with roles and permissions computed from its role ids now,
 * so a grant changed for a role reaches every member's next request without
 * rewriting their sessions. Roles that no longer exist are dropped.
 */
export function withAccess(profile: SessionProfile, roleIds: readonly string[], map: RoleMap): SessionUser {
  const roles = roleIds.filter((id) => Object.hasOwn(map, id)).map((id) => map[id]!);
  return {
    ...profile,
    roles: roles.map((role) => role.name).sort(),
    permissions: [...new Set(roles.flatMap((role) => role.permissions))].sort(),
  };
}

/**
 * The user behind a session, and when it last proved a credential, read from D1 (strongly consistent): null when the
 * session is no longer in the index, the user is gone or disabled, or their
 * credentials changed since the session began (its epoch is not theirs).
 */
export async function strictUser(db: D1Database, tokenHash: string, now: number): Promise<{ user: SessionUser; authenticatedAt: number } | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.email, u.name, u.email_verified_at, s.authenticated_at,
         (SELECT json_group_array(role) FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role)) AS roles,
         (SELECT json_group_array(permission) FROM (SELECT DISTINCT rp.permission FROM user_roles ur
            JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = u.id ORDER BY rp.permission)) AS permissions
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL AND s.epoch = u.credential_epoch`,
    )
    .bind(tokenHash, now)
    .first<{ id: string; email: string; name: string | null; email_verified_at: number | null; authenticated_at: number; roles: string; permissions: string }>();
  if (!row) return null;
  const user: SessionUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    roles: JSON.parse(row.roles) as string[],
    permissions: JSON.parse(row.permissions) as string[],
  };
  return { user, authenticatedAt: row.authenticated_at };
}
