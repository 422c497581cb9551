import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { readMigrationFiles, type MigrationFile } from "../migration-files";
import { d1MigrationsProvider as provider, type D1MigrationsInputs } from "../providers/d1-migrations-provider";
import { CloudflareFake } from "./fakes/cloudflare-fake";
import { D1Fake, type FakeDatabase } from "./fakes/d1-fake";
import { ROOT } from "./helpers/run-program";

const accountId = "a".repeat(32);
const token = "d1-token";
const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const repoMigrations = readMigrationFiles(join(ROOT, "migrations"));
const BOUND = 100_000;

let fake: CloudflareFake;
let d1: D1Fake;
let database: FakeDatabase;
let inputs: (migrations?: MigrationFile[], extra?: Partial<D1MigrationsInputs>) => D1MigrationsInputs;

beforeEach(async () => {
  fake = new CloudflareFake();
  d1 = new D1Fake(fake, { accountId, token });
  database = d1.add("workers-users-staging-db");
  const apiBaseUrl = await fake.start();
  inputs = (migrations = repoMigrations, extra = {}) => ({ accountId, databaseId: database.uuid, apiToken: token, apiBaseUrl, migrations, retry, ...extra });
});
afterEach(() => fake.stop());

const names = () => (database.db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
const queries = () => fake.requests.filter((r) => r.path.endsWith("/query"));

test("every migration reaches D1 in requests of bounded size, the 260 KB seed included", async () => {
  d1.maxRequestBytes = BOUND;
  await provider.create(inputs());
  expect(names()).toEqual(repoMigrations.map((m) => m.name));
  expect(Math.max(...queries().map((q) => q.body.length))).toBeLessThanOrEqual(BOUND);
  expect(database.db.prepare("SELECT COUNT(*) AS n FROM common_passwords").get()).toEqual({ n: 17950 });
});

test("a file split into parts and interrupted resumes at the part that failed, applying none twice", async () => {
  const rows = Array.from({ length: 60 }, (_, i) => `INSERT INTO seeds (n) VALUES (${i}); -- ${"x".repeat(40)}`);
  const sql = `CREATE TABLE seeds (n INTEGER PRIMARY KEY);\n${rows.join("\n")}\n`;
  const big: MigrationFile = { name: "0001_seed_numbers.sql", sql, sha256: "s1" };
  fake.failNext(1, 400, { bodyContains: "VALUES (30)" });
  await expect(provider.create(inputs([big], { maxRequestBytes: 1000 }))).rejects.toThrow(/0001_seed_numbers\.sql failed/);
  expect(names()).toEqual([]);
  const partial = (database.db.prepare("SELECT COUNT(*) AS n FROM seeds").get() as { n: number }).n;
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(60);
  const { outs } = await provider.create(inputs([big], { maxRequestBytes: 1000 }));
  expect(outs.recorded).toEqual(["0001_seed_numbers.sql"]);
  expect(database.db.prepare("SELECT COUNT(*) AS n FROM seeds").get()).toEqual({ n: 60 });
});

test("refresh sees d1_migrations rows deleted out of band; the next up applies those files again", async () => {
  const first = [{ name: "0001_create_notes.sql", sql: "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY);", sha256: "n1" }];
  const { id, outs } = await provider.create(inputs(first));
  database.db.exec("DELETE FROM d1_migrations");
  const read = await provider.read!(id, outs);
  expect(read).toMatchObject({ id, props: { recorded: [], hashes: {} } });
  expect(await provider.diff(id, read.props as typeof outs, inputs(first))).toMatchObject({ changes: true });
});

test("refresh of a database deleted out of band drops the migrations from the state", async () => {
  const { id, outs } = await provider.create(inputs());
  d1.databases.delete(database.uuid);
  expect((await provider.read!(id, outs)).id).toBe("");
});

test("check refuses a misnamed, duplicated or oversized migration before anything is sent", async () => {
  const ok = { name: "0001_create_a.sql", sql: "CREATE TABLE a (id INTEGER);", sha256: "x" };
  const huge = { name: "0002_seed_a.sql", sql: `INSERT INTO a VALUES ${"(1),".repeat(30_000)}(1);`, sha256: "y" };
  const bad = inputs([ok, ok, { ...ok, name: "create_b.sql" }, huge], { accountId: "acct" });
  const { failures } = await provider.check!(inputs([]), bad);
  expect(failures!.map((f) => f.reason).join("\n")).toMatch(/accountId[\s\S]*0001_create_a\.sql twice[\s\S]*create_b\.sql[\s\S]*0002_seed_a\.sql: a statement of \d+ bytes/);
  expect(fake.requests).toEqual([]);
  expect((await provider.check!(inputs([]), inputs())).failures).toEqual([]);
});

test("a rotated API token is a change, so refresh keeps working after the old token is revoked", async () => {
  const { id, outs } = await provider.create(inputs());
  expect(await provider.diff(id, outs, inputs(undefined, { apiToken: "new-token" }))).toMatchObject({ changes: true, replaces: [] });
});
