import { base64url, nowSeconds, type AdminUser } from "@workers-users/shared";
import { loginKey } from "../db/throttle";
import type { UserRow } from "../db/users";
import { mfaStatuses } from "../mfa/store";

/** Users as the admin API shows them: with their roles and any lock on their account, read in one batch. */
export async function toAdminUsers(db: D1Database, rows: UserRow[]): Promise<AdminUser[]> {
  if (rows.length === 0) return [];
  const marks = rows.map(() => "?").join(",");
  const mfa = mfaStatuses(db, rows.map((r) => r.id));
  const [roles, locks, signIns] = await db.batch<{ user_id?: string; role?: string; key?: string; locked_until?: number; target?: string; at?: number }>([
    db.prepare(`SELECT user_id, role FROM user_roles WHERE user_id IN (${marks}) ORDER BY role`).bind(...rows.map((r) => r.id)),
    db
      .prepare(`SELECT key, locked_until FROM login_throttle WHERE locked_until > ? AND key IN (${marks})`)
      .bind(nowSeconds(), ...rows.map((r) => loginKey(r.email))),
    // audit_log_target serves it: one index range per user of the page.
    db
      .prepare(`SELECT target, MAX(at) AS at FROM audit_log WHERE action = 'auth.login.succeeded' AND target IN (${marks}) GROUP BY target`)
      .bind(...rows.map((r) => r.id)),
  ]);
  const lastSignIn = new Map((signIns?.results ?? []).map((r) => [r.target!, r.at!]));
  const rolesOf = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  for (const r of roles?.results ?? []) rolesOf.get(r.user_id!)?.push(r.role!);
  const lockOf = new Map((locks?.results ?? []).map((r) => [r.key!, r.locked_until!]));
  const mfaOf = await mfa;
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    disabled: row.disabled_at !== null,
    roles: rolesOf.get(row.id) ?? [],
    createdAt: row.created_at,
    lockedUntil: lockOf.get(loginKey(row.email)) ?? null,
    lastSignInAt: lastSignIn.get(row.id) ?? null,
    mfa: mfaOf.get(row.id)!,
  }));
}

export function encodeCursor(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

/** Decodes a cursor made by encodeCursor; null when it is not one. */
export function decodeCursor(cursor: string): unknown {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
  } catch {
    return null;
  }
}
