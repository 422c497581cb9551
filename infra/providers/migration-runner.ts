// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import { apiError, cfRequest, DEFAULT_RETRY, NO_RETRY, type ApiError, type ApiTarget, type RetryPolicy } from "./cloudflare-api";
import { CREATE_PROGRESS_TABLE, partsOf, PROGRESS_TABLE } from "./migration-parts";
import { queryBytes } from "./sql-statements";

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
/** The API's request-size limit is not documented: no request carries more SQL than D1 takes in one statement. */
export const DEFAULT_MAX_REQUEST_BYTES = 100_000;

/**
 * Applies, in name order, every migration not yet recorded in `d1_migrations`.
 * A file and its record go in one query, which D1 runs as one batch: a file
 * applies whole or not at all. A file too big for one request goes in parts of
 * whole statements, each recorded with it, so a failure resumes at that part.
 * The first failure stops the run; the next run starts again from that file.
 * Returns the names applied now and all recorded.
 */
export async function applyMigrations(
  target: D1Target,
  migrations: MigrationInput[],
  retry: RetryPolicy = DEFAULT_RETRY,
  maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES,
): Promise<{ applied: string[]; recorded: string[] }> {
  await query(target, CREATE_TABLE, retry);
  const recorded = await recordedMigrations(target, retry);
  const pending = migrations.filter((m) => !recorded.includes(m.name)).sort((a, b) => a.name.localeCompare(b.name));
  const applied: string[] = [];
  for (const migration of pending) {
    try {
      await applyOne(target, migration, retry, maxRequestBytes);
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

async function applyOne(target: D1Target, migration: MigrationInput, retry: RetryPolicy, maxBytes: number): Promise<void> {
  if (!SAFE_NAME.test(migration.name)) throw new Error(`invalid migration name ${JSON.stringify(migration.name)}`);
  const isRecorded = async () => (await recordedMigrations(target, retry)).includes(migration.name);
  const whole = `${migration.sql}\nINSERT INTO ${MIGRATIONS_TABLE} (name) VALUES ('${migration.name}');`;
  if (queryBytes(whole) <= maxBytes) return sendOnce(target, whole, isRecorded, retry);
  const parts = partsOf(MIGRATIONS_TABLE, migration.name, migration.sha256, migration.sql, maxBytes);
  await query(target, CREATE_PROGRESS_TABLE, retry);
  const done = await partsDone(target, migration, retry);
  for (const part of parts) {
    if (done.has(part.index)) continue;
    const last = part.index === parts.length - 1;
    const partRecorded = async () => (last ? isRecorded() : (await partsDone(target, migration, retry)).has(part.index));
    try {
      await sendOnce(target, part.sql, partRecorded, retry);
    } catch (error) {
      throw apiError(`part ${part.index + 1} of ${parts.length} (the parts before it are applied, kept in ${PROGRESS_TABLE}): ${(error as Error).message}`, {
        status: (error as ApiError).status ?? 0,
        errors: (error as ApiError).errors ?? [],
        retryable: false,
      });
    }
  }
}

/** Sends one batch; after a lost answer it is sent again only if its record is not there. */
async function sendOnce(target: D1Target, sql: string, isRecorded: () => Promise<boolean>, retry: RetryPolicy): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await query(target, sql, NO_RETRY);
      return;
    } catch (error) {
      if (!(error as ApiError).retryable || attempt >= retry.attempts) throw error;
      if (await isRecorded()) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))));
    }
  }
}

/** Parts of a file already applied; parts of another version of it stop the run. */
async function partsDone(target: D1Target, migration: MigrationInput, retry: RetryPolicy): Promise<Set<number>> {
  const [result] = await query(target, `SELECT part, sha256 FROM ${PROGRESS_TABLE} WHERE name = '${migration.name}' ORDER BY part`, retry);
  const rows = result?.results ?? [];
  if (rows.some((r) => r.sha256 !== migration.sha256)) {
    throw new Error(`${migration.name} was partly applied from another version of the file: restore that version, or undo its parts and delete its rows from ${PROGRESS_TABLE}`);
  }
  return new Set(rows.map((r) => Number(r.part)));
}

async function query(target: D1Target, sql: string, retry: RetryPolicy): Promise<D1Result[]> {
  const path = `/accounts/${target.accountId}/d1/database/${target.databaseId}/query`;
  const results = await cfRequest<D1Result[]>(target, "POST", path, { sql }, retry);
  const failed = results.find((r) => r.success === false);
  if (failed) throw apiError(`POST ${path}: a statement reported success: false`, { status: 200, errors: [], retryable: false });
  return results;
}
