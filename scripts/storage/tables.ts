/**
 * What D1 holds, table by table: rows and stored bytes (every column's length), and
 * the database's pages. And the clock: every timestamp moved back, as if time passed.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types";

export interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

/** Tables that grow with use (the seeded catalogues, roles and permissions stay as they are). */
export const TABLES = [
  "users", "user_roles", "sessions", "trusted_devices", "email_verifications", "password_resets",
  "login_throttle", "mail_sends", "audit_log", "outbox",
];

/** Every unix-seconds column of those tables. */
const TIMESTAMPS: Record<string, string[]> = {
  users: ["email_verified_at", "password_changed_at", "created_at", "updated_at", "disabled_at"],
  user_roles: ["created_at"],
  sessions: ["created_at", "last_seen_at", "expires_at", "authenticated_at"],
  trusted_devices: ["created_at", "last_used_at", "expires_at"],
  email_verifications: ["expires_at", "used_at", "created_at"],
  password_resets: ["expires_at", "used_at", "created_at"],
  login_throttle: ["locked_until", "updated_at"],
  mail_sends: ["sent_at"],
  audit_log: ["at"],
  outbox: ["created_at"],
};

export async function tableSizes(db: D1Database): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const table of TABLES) {
    const { results } = await db.prepare(`PRAGMA table_info(${table})`).all<{ name: string }>();
    const length = results.map((c) => `coalesce(length(CAST(${c.name} AS BLOB)), 0)`).join(" + ");
    const row = await db.prepare(`SELECT COUNT(*) AS rows, coalesce(SUM(${length}), 0) AS bytes FROM ${table}`).first<{ rows: number; bytes: number }>();
    sizes.push({ table, rows: row!.rows, bytes: row!.bytes });
  }
  return sizes;
}

/** The database file's size under the local stack's state folder (D1 refuses PRAGMA page_count). */
export function databaseBytes(persistDir: string): number {
  const dir = join(persistDir, "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite"));
  return Math.max(...files.map((f) => statSync(join(dir, f)).size));
}

/** Moves every stored time `seconds` into the past: to the database, that much time has passed. */
export async function age(db: D1Database, seconds: number): Promise<void> {
  await db.batch(
    Object.entries(TIMESTAMPS).map(([table, columns]) =>
      db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ${c} - ?1`).join(", ")}`).bind(seconds),
    ),
  );
}
