import Database from "better-sqlite3";
import { bearer, failure, ok, type CloudflareFake } from "./cloudflare-fake";

/**
 * POST /accounts/{account_id}/d1/database/{database_id}/query over a real SQLite.
 * Several statements in one `sql` run as one batch, all or nothing, as D1 runs them.
 */
export function addD1(fake: CloudflareFake, options: { accountId: string; databaseId: string; token: string }) {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  fake.route("POST", "/accounts/:account/d1/database/:database/query", (req) => {
    if (bearer(req) !== options.token) return failure(403, 10000, "Authentication error");
    if (req.params.account !== options.accountId || req.params.database !== options.databaseId) {
      return failure(404, 7404, "The database could not be found");
    }
    const { sql, params = [] } = JSON.parse(req.body.toString("utf8")) as { sql: string; params?: unknown[] };
    try {
      return ok(db.transaction(() => run(db, sql, params))());
    } catch (error) {
      const { message, code } = error as { message: string; code?: string };
      return failure(400, 7500, `${message}: ${code ?? "SQLITE_ERROR"}`);
    }
  });
  return db;
}

function run(db: Database.Database, sql: string, params: unknown[]) {
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    if (!/more than one statement/.test((error as Error).message)) throw error;
    // Several statements: SQLite runs them in order; the batch's rows are not read back here.
    db.exec(sql);
    return [{ results: [], success: true, meta: { changed_db: true } }];
  }
  if (statement.reader) return [{ results: statement.all(...params), success: true, meta: { changed_db: false } }];
  const info = statement.run(...params);
  return [{ results: [], success: true, meta: { changed_db: info.changes > 0, changes: info.changes } }];
}
