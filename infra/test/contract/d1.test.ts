import { afterAll, expect, inject, test, vi } from "vitest";

vi.mock("../../providers/d1-migrations-provider", async () => (await import("../helpers/stub-providers")).stubD1);
vi.mock("../../providers/pages-deployment-provider", async () => (await import("../helpers/stub-providers")).stubPages);

import type * as real from "../../providers/d1-migrations-provider";
import { splitStatements } from "../../providers/sql-statements";
import { AccountFake } from "../fakes/account-fake";
import { ofType, runProgram } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";
import { KEPT } from "./kept-differences";
import { STAGING } from "./stack-configs";

const { d1MigrationsProvider } = await vi.importActual<typeof real>("../../providers/d1-migrations-provider");
const capture = inject("wranglerCapture").d1;

// The program's migrations, applied by the real provider to a fresh database of the same id.
const program = await runProgram({ stack: "staging" });
const account = new AccountFake(STAGING.accountId, STAGING.token);
const database = account.d1.add(STAGING.databaseName, STAGING.databaseId);
const { __provider: _stub, ...inputs } = unwrap(ofType(program.resources, ":D1Migrations")[0]!.inputs);
await d1MigrationsProvider.create({ ...inputs, databaseId: STAGING.databaseId, apiBaseUrl: await account.start(), apiToken: STAGING.token });
afterAll(() => account.stop());

const ours = account.http.requests.filter((r) => r.path.endsWith("/query")).map((r) => (JSON.parse(r.body.toString("utf8")) as { sql: string }).sql);
const normal = (sql: string) => sql.replace(/\s+/g, " ").trim().toLowerCase();
const fileOf = (sql: string) => /insert into d1_migrations \(name\) values \('([^']+)'\)/.exec(normal(sql))?.[1];
const recordsOf = (queries: string[]) => new Map(queries.filter(fileOf).map((q) => [fileOf(q)!, normal(q)]));

test("the bookkeeping table is wrangler's own, created first with the same statement", () => {
  expect(normal(ours[0]!)).toBe(normal(capture.queries[0]!));
  expect(normal(ours[1]!)).toBe(KEPT.d1ListQuery.program);
  expect(normal(capture.queries[1]!)).toBe(KEPT.d1ListQuery.wrangler);
});

test("each file goes with its record in one request, as wrangler sends it, but for the ones split in parts", () => {
  const theirs = recordsOf(capture.queries);
  const mine = recordsOf(ours);
  const same = [...theirs.keys()].filter((name) => mine.get(name) === theirs.get(name));
  const differing = [...theirs.keys()].filter((name) => !same.includes(name));
  expect(differing).toEqual(KEPT.d1SplitFiles);
  expect(same.length).toBeGreaterThanOrEqual(10);
});

test("a file split in parts runs the same statements, in the same order, as wrangler's one request", () => {
  const statementsOf = (queries: string[]) => queries.flatMap(splitStatements).map(normal).filter((s) => !s.includes("d1_migrations"));
  for (const name of KEPT.d1SplitFiles) {
    const theirs = statementsOf(capture.queries.filter((q) => fileOf(q) === name));
    expect(theirs.length).toBeGreaterThan(30);
    expect(statementsOf(ours.filter((q) => q.includes(`'${name}'`)))).toEqual(theirs);
  }
});

test("both leave the same files recorded in d1_migrations, in the same order", () => {
  const recorded = (database.db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
  expect(recorded).toEqual(capture.recorded);
});
