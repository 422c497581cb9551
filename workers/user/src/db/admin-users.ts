import { HttpProblem, sessionClient } from "@workers-users/shared";
import { NOT_LAST_ADMIN } from "./roles";
import type { UserRow } from "./users";

/**
 * Disables or enables a user. Disabling the last enabled admin is refused in
 * the same statement ("last_admin"), so the system always keeps one; disabling
 * moves the credential epoch, so no sign-in in flight ends in a session.
 */
export async function setDisabled(
  db: D1Database,
  id: string,
  disabled: boolean,
  now: number,
): Promise<{ type: "ok"; user: UserRow } | { type: "not_found" } | { type: "last_admin" }> {
  const guard = disabled ? `AND ${NOT_LAST_ADMIN}` : "";
  const user = await db
    .prepare(
      `UPDATE users SET disabled_at = ?2, updated_at = ?3,
         credential_epoch = credential_epoch + (CASE WHEN ?2 IS NULL THEN 0 ELSE 1 END)
       WHERE id = ?1 ${guard} RETURNING *`,
    )
    .bind(id, disabled ? now : null, now)
    .first<UserRow>();
  if (user) return { type: "ok", user };
  const exists = await db.prepare("SELECT 1 FROM users WHERE id = ?").bind(id).first();
  return exists ? { type: "last_admin" } : { type: "not_found" };
}

/** Deletes a user unless they are the last enabled admin. */
export async function deleteUserGuarded(db: D1Database, id: string): Promise<"deleted" | "not_found" | "last_admin"> {
  const row = await db.prepare(`DELETE FROM users WHERE id = ?1 AND ${NOT_LAST_ADMIN} RETURNING id`).bind(id).first();
  if (row) return "deleted";
  const exists = await db.prepare("SELECT 1 FROM users WHERE id = ?").bind(id).first();
  return exists ? "last_admin" : "not_found";
}

/**
 * Deletes a user with their sessions. Sessions go first: the session index
 * rows cascade away with the user, and with them the way to find the KV
 * records. A last-admin refusal is checked before anything is revoked.
 */
export async function deleteUserOrThrow(env: Env, id: string): Promise<void> {
  const check = await env.DB.prepare(`SELECT ${NOT_LAST_ADMIN} AS allowed, EXISTS (SELECT 1 FROM users WHERE id = ?1) AS found`)
    .bind(id)
    .first<{ allowed: number; found: number }>();
  if (!check?.found) throw new HttpProblem("NOT_FOUND");
  if (!check.allowed) throw new HttpProblem("CONFLICT", { detail: "The last enabled admin cannot be deleted" });
  await sessionClient(env.SESSION).revokeAll(id);
  const result = await deleteUserGuarded(env.DB, id);
  if (result === "last_admin") throw new HttpProblem("CONFLICT", { detail: "The last enabled admin cannot be deleted" });
}
