import { base64url, type AdminUser } from "@workers-users/shared";
import type { UserRow } from "../db/users";

export function toAdminUser(row: UserRow, roles: string[]): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    disabled: row.disabled_at !== null,
    roles,
    createdAt: row.created_at,
  };
}

export async function rolesByUser(db: D1Database, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const { results } = await db
    .prepare(`SELECT user_id, role FROM user_roles WHERE user_id IN (${userIds.map(() => "?").join(",")}) ORDER BY role`)
    .bind(...userIds)
    .all<{ user_id: string; role: string }>();
  for (const r of results) map.get(r.user_id)?.push(r.role);
  return map;
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
