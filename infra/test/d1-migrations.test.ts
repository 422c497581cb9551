import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { readMigrationFiles, type MigrationFile } from "../migration-files";
import { d1MigrationsProvider as provider, type D1MigrationsInputs, type D1MigrationsOutputs } from "../providers/d1-migrations-provider";
import { CloudflareFake } from "./fakes/cloudflare-fake";
import { addD1 } from "./fakes/d1-fake";
import { ROOT } from "./helpers/run-program";

const accountId = "a".repeat(32);
const databaseId = "0b6a5b2e-1111-4222-8333-444455556666";
const token = "d1-token";
const retry = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
const repoMigrations = readMigrationFiles(join(ROOT, "migrations"));

let fake: CloudflareFake;
let db: ReturnType<typeof addD1>;
let inputs: (migrations: MigrationFile[]) => D1MigrationsInputs;

beforeEach(async () => {
  fake = new CloudflareFake();
  db = addD1(fake, { accountId, databaseId, token });
  const apiBaseUrl = await fake.start();
  inputs = (migrations) => ({ accountId, databaseId, apiToken: token, apiBaseUrl, migrations, retry });
});
afterEach(() => fake.stop());

const file = (name: string, sql: string): MigrationFile => ({ name, sql, sha256: `sha-of-${sql.length}-${name}` });
const recorded = () => db.prepare("SELECT name, applied_at FROM d1_migrations ORDER BY id").all() as { name: string; applied_at: string }[];
const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);

test("a fresh database gets every migration of the repository, recorded in wrangler's table", async () => {
  const { id, outs } = await provider.create(inputs(repoMigrations));
  const names = repoMigrations.map((m) => m.name);
  expect(id).toBe(`${databaseId}/migrations`);
  expect(outs).toMatchObject({ recorded: names, appliedNow: names });
  expect(recorded().map((r) => r.name)).toEqual(names);
  expect(recorded()[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(tables()).toEqual(expect.arrayContaining(["users", "sessions", "d1_migrations"]));
});

test("running again applies nothing: no diff, and an update only reads the table", async () => {
  const { outs } = await provider.create(inputs(repoMigrations));
  expect(await provider.diff("id", outs, inputs(repoMigrations))).toMatchObject({ changes: false });
  const before = fake.requests.length;
  const again = await provider.update("id", outs, inputs(repoMigrations));
  expect(again.outs).toMatchObject({ appliedNow: [] });
  expect(fake.requests.length - before).toBe(2); // CREATE TABLE IF NOT EXISTS, then SELECT
  expect(recorded()).toHaveLength(repoMigrations.length);
});

test("a new file is a change, and only it is applied", async () => {
  const first = [file("0001_create_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;")];
  const { outs } = await provider.create(inputs(first));
  const next = [...first, file("0002_add_notes_body.sql", "ALTER TABLE notes ADD COLUMN body TEXT;")];
  expect(await provider.diff("id", outs, inputs(next))).toMatchObject({ changes: true });
  const { outs: after } = await provider.update("id", outs, inputs(next));
  expect(after).toMatchObject({ appliedNow: ["0002_add_notes_body.sql"], recorded: next.map((m) => m.name) });
});

test("a failing migration stops the run with its name and D1's error; the next run resumes from it", async () => {
  const good = file("0001_create_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;");
  // Its first statement is valid: the batch must not leave it behind.
  const broken = file("0002_create_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nCREAT INDEX tags_id ON tags(id);");
  const later = file("0003_create_links.sql", "CREATE TABLE links (id INTEGER PRIMARY KEY);");
  const run = provider.create(inputs([good, broken, later]));
  await expect(run).rejects.toThrow(/migration 0002_create_tags\.sql failed: POST .*\/query: 400 \[7500\] near "CREAT": syntax error/);
  await expect(run).rejects.toThrow(/applied before it in this run: 0001_create_notes\.sql.*resumes from 0002_create_tags\.sql/);
  expect(recorded().map((r) => r.name)).toEqual(["0001_create_notes.sql"]);
  expect(tables()).not.toContain("tags");
  const fixed = file("0002_create_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nCREATE INDEX tags_id ON tags(id);");
  const { outs } = await provider.create(inputs([good, fixed, later]));
  expect(outs.appliedNow).toEqual(["0002_create_tags.sql", "0003_create_links.sql"]);
  expect(tables()).toEqual(expect.arrayContaining(["notes", "tags", "links"]));
});

test("an API error envelope (bad token) fails at once, without retrying, and never shows the token", async () => {
  const run = provider.create({ ...inputs(repoMigrations), apiToken: "wrong-token" });
  await expect(run).rejects.toThrow(/403 \[10000\] Authentication error/);
  await run.catch((e: Error) => expect(e.message).not.toContain("wrong-token"));
  expect(fake.requests).toHaveLength(1);
});

/** How many requests applying every migration of the repository takes when nothing fails. */
async function cleanRequests(): Promise<number> {
  const clean = new CloudflareFake();
  addD1(clean, { accountId, databaseId, token });
  await provider.create({ ...inputs(repoMigrations), apiBaseUrl: await clean.start() });
  await clean.stop();
  return clean.requests.length;
}
let clean: Promise<number> | undefined;

test.each([503, 429, 502])("a transient %i is retried", async (status) => {
  fake.failNext(2, status);
  const { outs } = await provider.create(inputs(repoMigrations));
  expect(outs.recorded).toHaveLength(repoMigrations.length);
  expect(fake.requests.length).toBe((await (clean ??= cleanRequests())) + 2);
});

test("retries are bounded: a lasting outage fails with the last answer", async () => {
  fake.failNext(retry.attempts, 503);
  await expect(provider.create(inputs(repoMigrations))).rejects.toThrow(/503 \[10013\]/);
  expect(fake.requests).toHaveLength(retry.attempts);
});

test("an answer lost after D1 committed is not applied twice", async () => {
  const notes = file("0001_create_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;\nINSERT INTO notes (id) VALUES (1);");
  fake.failNext(1, 502, { afterHandler: true, bodyContains: "INSERT INTO notes" });
  const { outs } = await provider.create(inputs([notes]));
  expect(outs.recorded).toEqual(["0001_create_notes.sql"]);
  expect(db.prepare("SELECT COUNT(*) AS n FROM notes").all()).toEqual([{ n: 1 }]);
});

test("editing a migration after it was applied is refused before anything runs", async () => {
  const notes = file("0001_create_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
  const { outs } = await provider.create(inputs([notes]));
  const edited = { ...notes, sql: "CREATE TABLE notes (id TEXT PRIMARY KEY);", sha256: "other" };
  const before = fake.requests.length;
  await expect(provider.update("id", outs, inputs([edited]))).rejects.toThrow(/0001_create_notes\.sql changed after it was applied/);
  expect(fake.requests.length).toBe(before);
});

test("a new database (replacement) is a replace, applying everything there", async () => {
  const outs: D1MigrationsOutputs = { accountId, databaseId: "old-db", apiBaseUrl: "x", apiToken: token, recorded: [], appliedNow: [], hashes: {} };
  expect(await provider.diff("id", outs, inputs(repoMigrations))).toEqual({ changes: true, replaces: ["databaseId"] });
});
