/**
 * Applies pending files from migrations/ to a D1 database, the way
 * `wrangler d1 migrations apply` does: in name order, recorded in the
 * `d1_migrations` table, each file in one batch so it applies whole or not at all.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types";
import { unstable_splitSqlQuery as splitSqlQuery } from "wrangler";

export const MIGRATIONS_TABLE = "d1_migrations";

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

export interface Migration {
  name: string;
  statements: string[];
}

export async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, statements: splitSqlQuery(await readFile(join(dir, name), "utf8")) })),
  );
}

/** Applies what is pending; returns the names applied (none on a re-run). */
export async function applyMigrations(db: D1Database, migrations: Migration[]): Promise<string[]> {
  await db.prepare(CREATE_TABLE).run();
  const { results } = await db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all<{ name: string }>();
  const applied = new Set(results.map((r) => r.name));
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    try {
      await db.batch([
        ...migration.statements.map((sql) => db.prepare(sql)),
        db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name) VALUES (?)`).bind(migration.name),
      ]);
    } catch (error) {
      throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    done.push(migration.name);
  }
  return done;
}
