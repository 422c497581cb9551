// Serialized into the dynamic provider: no run-time imports besides ./cloudflare-api.
import { apiError, cfRequest, DEFAULT_RETRY, NO_RETRY, type ApiError, type ApiTarget, type RetryPolicy } from "./cloudflare-api";

export interface MigrationInput {
  name: string;
  sql: string;
  sha256: string;
}

export interface D1Target extends ApiTarget {
  accountId: string;
  databaseId: string;
}

interface D1Result {
  results?: Record<string, unknown>[];
  success?: boolean;
}

/** wrangler's table, so `wrangler d1 migrations list --remote` agrees with what ran here. */
export const MIGRATIONS_TABLE = "d1_migrations";
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE}(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;
const SAFE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * Applies, in name order, every migration not yet recorded in `d1_migrations`.
 * Each file and its record go in one query, which D1 runs as one batch: a file
 * applies whole or not at all. The first failure stops the run; the next run
 * starts again from that file. Returns the names applied now and all recorded.
 */
export async function applyMigrations(
  target: D1Target,
  migrations: MigrationInput[],
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<{ applied: string[]; recorded: string[] }> {
  await query(target, CREATE_TABLE, retry);
  const recorded = await recordedMigrations(target, retry);
  const pending = migrations.filter((m) => !recorded.includes(m.name)).sort((a, b) => a.name.localeCompare(b.name));
  const applied: string[] = [];
  for (const migration of pending) {
    try {
      await applyOne(target, migration, retry);
    } catch (error) {
      const before = applied.length > 0 ? `applied before it in this run: ${applied.join(", ")}` : "nothing was applied in this run";
      throw new Error(
        `migration ${migration.name} failed: ${(error as Error).message} (${before}). ` +
          `Fix ${migration.name} or the database, then run \`pulumi up\` again: it resumes from ${migration.name}.`,
      );
    }
    applied.push(migration.name);
  }
  return { applied, recorded: [...recorded, ...applied] };
}

export async function recordedMigrations(target: D1Target, retry: RetryPolicy = DEFAULT_RETRY): Promise<string[]> {
  const [result] = await query(target, `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`, retry);
  return (result?.results ?? []).map((row) => String(row.name));
}

async function applyOne(target: D1Target, migration: MigrationInput, retry: RetryPolicy): Promise<void> {
  if (!SAFE_NAME.test(migration.name)) throw new Error(`invalid migration name ${JSON.stringify(migration.name)}`);
  const sql = `${migration.sql}\nINSERT INTO ${MIGRATIONS_TABLE} (name) VALUES ('${migration.name}');`;
  for (let attempt = 1; ; attempt++) {
    try {
      await query(target, sql, NO_RETRY);
      return;
    } catch (error) {
      if (!(error as ApiError).retryable || attempt >= retry.attempts) throw error;
      // The batch may have committed before the answer was lost: send it again only if it is not recorded.
      if ((await recordedMigrations(target, retry)).includes(migration.name)) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))));
    }
  }
}

async function query(target: D1Target, sql: string, retry: RetryPolicy): Promise<D1Result[]> {
  const path = `/accounts/${target.accountId}/d1/database/${target.databaseId}/query`;
  const results = await cfRequest<D1Result[]>(target, "POST", path, { sql }, retry);
  const failed = results.find((r) => r.success === false);
  if (failed) throw apiError(`POST ${path}: a statement reported success: false`, { status: 200, errors: [], retryable: false });
  return results;
}
