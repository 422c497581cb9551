import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";

export interface FakeDatabase {
  uuid: string;
  name: string;
  primaryLocationHint: string | undefined;
  db: Database.Database;
}

/**
 * D1 over real SQLite: databases are created, read and deleted as through the
 * API, and POST .../query runs several statements in one `sql` as one batch,
 * all or nothing, as D1 runs them.
 */
export class D1Fake {
  readonly databases = new Map<string, FakeDatabase>();
  /** The API's request-size limit is not documented: tests set one to show the requests stay under it. */
  maxRequestBytes = Infinity;

  constructor(fake: CloudflareFake, private readonly options: { accountId: string; token: string }) {
    const base = "/accounts/:account/d1/database";
    fake.route("POST", base, (req) => this.authed(req, () => this.create(req)));
    fake.route("GET", `${base}/:database`, (req) => this.inDatabase(req, (d) => ok(view(d))));
    fake.route("DELETE", `${base}/:database`, (req) =>
      this.inDatabase(req, (d) => {
        this.databases.delete(d.uuid);
        return ok(null);
      }),
    );
    fake.route("POST", `${base}/:database/query`, (req) =>
      this.inDatabase(req, (d) => (req.body.length > this.maxRequestBytes ? failure(413, 7400, "Request body too large") : query(d.db, req))),
    );
  }

  add(name: string, uuid: string = randomUUID(), primaryLocationHint?: string): FakeDatabase {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    const created = { uuid, name, primaryLocationHint, db };
    this.databases.set(uuid, created);
    return created;
  }

  private create(req: FakeRequest): FakeResponse {
    const body = JSON.parse(req.body.toString("utf8")) as { name: string; primary_location_hint?: string };
    if ([...this.databases.values()].some((d) => d.name === body.name)) return failure(400, 7502, "A database with that name already exists");
    return ok(view(this.add(body.name, randomUUID(), body.primary_location_hint)));
  }

  private authed(req: FakeRequest, then: () => FakeResponse) {
    if (bearer(req) !== this.options.token) return failure(403, 10000, "Authentication error");
    if (req.params.account !== this.options.accountId) return failure(403, 10000, "Authentication error");
    return then();
  }

  private inDatabase(req: FakeRequest, then: (d: FakeDatabase) => FakeResponse) {
    return this.authed(req, () => {
      const d = this.databases.get(req.params.database!);
      return d ? then(d) : failure(404, 7404, "The database could not be found");
    });
  }
}

/** One database that exists from the start, for tests of the migrations alone. */
export function addD1(fake: CloudflareFake, options: { accountId: string; databaseId: string; token: string }) {
  return new D1Fake(fake, options).add("db", options.databaseId).db;
}

function view(d: FakeDatabase) {
  return { uuid: d.uuid, name: d.name, version: "production", created_at: "2026-01-01T00:00:00Z", ...(d.primaryLocationHint ? { primary_location_hint: d.primaryLocationHint } : {}) };
}

function query(db: Database.Database, req: FakeRequest): FakeResponse {
  const { sql, params = [] } = JSON.parse(req.body.toString("utf8")) as { sql: string; params?: unknown[] };
  try {
    return ok(db.transaction(() => run(db, sql, params))());
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    return failure(400, 7500, `${message}: ${code ?? "SQLITE_ERROR"}`);
  }
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
