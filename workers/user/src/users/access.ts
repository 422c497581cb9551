import { sessionClient } from "@workers-users/shared";
import { findUserById } from "../db/users";
import { toSessionUser } from "./snapshot";

export interface Access {
  roles: string[];
  permissions: string[];
}

/** A user's roles and the permissions they grant, straight from D1. */
export async function loadAccess(db: D1Database, userId: string): Promise<Access> {
  const { results } = await db
    .prepare(
      `SELECT ur.role, rp.permission FROM user_roles ur
       LEFT JOIN role_permissions rp ON rp.role = ur.role
       WHERE ur.user_id = ? ORDER BY ur.role, rp.permission`,
    )
    .bind(userId)
    .all<{ role: string; permission: string | null }>();
  const roles = [...new Set(results.map((r) => r.role))];
  const permissions = [...new Set(results.flatMap((r) => (r.permission ? [r.permission] : [])))];
  return { roles, permissions };
}

/**
 * Rewrites the user's snapshot in every live session, so a change of name,
 * roles or verification shows on their next request without a new login.
 */
export async function refreshUserSessions(env: Env, userId: string): Promise<void> {
  const row = await findUserById(env.DB, userId);
  if (!row) return;
  await sessionClient(env.SESSION).updateUser(toSessionUser(row, await loadAccess(env.DB, userId)));
}
