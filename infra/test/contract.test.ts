import { createRequire } from "node:module";
import { describe, expect, inject, test, vi } from "vitest";

vi.mock("../providers/d1-migrations-provider", async () => (await import("./helpers/stub-providers")).stubD1);
vi.mock("../providers/pages-deployment-provider", async () => (await import("./helpers/stub-providers")).stubPages);

import type * as d1 from "../providers/d1-migrations-provider";
import type * as pages from "../providers/pages-deployment-provider";
import { splitStatements } from "../providers/sql-statements";
import { KEPT } from "./contract/kept-differences";
import { fileOf, normalSql, programSide, steps } from "./contract/program-side";
import { apiShape, scriptUpload } from "./engine/api-shape";

// wrangler's requests, captured once for the whole run (test/contract/wrangler-capture.ts), against the program's.
const wrangler = inject("wranglerCapture");
const ours = await programSide({
  pages: (await vi.importActual<typeof pages>("../providers/pages-deployment-provider")).pagesDeploymentProvider,
  d1: (await vi.importActual<typeof d1>("../providers/d1-migrations-provider")).d1MigrationsProvider,
});
const byName = (bindings: unknown) => [...(bindings as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));

test("the reference is the wrangler this repository pins", () => {
  const pinned = (createRequire(import.meta.url)("../../package.json") as { devDependencies: Record<string, string> }).devDependencies.wrangler;
  expect(wrangler.version).toBe(pinned);
});

describe.each(Object.keys(wrangler.workers))("the %s Worker, as `wrangler deploy` uploads it", (unit) => {
  const theirs = wrangler.workers[unit]!.upload;
  const mine = scriptUpload(ours.script(`${unit}-script`));

  test("has the same bindings, field by field", () => {
    expect(byName(mine.metadata.bindings)).toEqual(byName(theirs.metadata.bindings));
  });

  test("has the same main module, compatibility date and module parts, byte for byte", () => {
    expect([mine.metadata.main_module, mine.metadata.compatibility_date]).toEqual([theirs.metadata.main_module, theirs.metadata.compatibility_date]);
    expect(mine.parts).toEqual(theirs.parts);
  });

  test("turns workers.dev and preview URLs the same way", () => {
    const { enabled, previewsEnabled } = ours.script(`${unit}-subdomain`);
    expect(apiShape({ enabled, previewsEnabled })).toEqual(theirs.subdomain);
  });

  test("differs in its metadata only where a kept difference says so", () => {
    const missing = Object.keys(theirs.metadata).filter((key) => !(key in mine.metadata));
    expect(missing.filter((key) => !(key in KEPT.workerMetadata)), "sent by wrangler only").toEqual([]);
    if (missing.includes("compatibility_flags")) expect(theirs.metadata.compatibility_flags).toEqual([]);
    if (missing.includes("keep_bindings")) expect(mine.metadata.bindings).toContainEqual(expect.objectContaining({ type: "secret_text" }));
    expect(Object.keys(mine.metadata).filter((key) => !(key in theirs.metadata)), "sent by the program only").toEqual([]);
  });
});

/** A Pages request body without the files of `skipped` hashes (hash lists and upload entries). */
function withoutSkipped(body: unknown, skipped: Set<string | undefined>): unknown {
  if (Array.isArray(body)) return body.filter((file: { key?: string }) => !skipped.has(file.key));
  const { hashes } = body as { hashes?: string[] };
  return hashes ? { ...(body as object), hashes: hashes.filter((hash) => !skipped.has(hash)) } : body;
}

describe("the site, as `wrangler pages deploy` deploys it", () => {
  const mine = ours.pages;
  // What wrangler publishes beyond the program, by a kept difference: left out of its side.
  const skipped = new Set(KEPT.pagesFilesWranglerOnly.map((path) => wrangler.pages.form.manifest[path]));
  const theirs = {
    ...wrangler.pages,
    form: { ...wrangler.pages.form, manifest: Object.fromEntries(Object.entries(wrangler.pages.form.manifest).filter(([path]) => !KEPT.pagesFilesWranglerOnly.includes(path))) },
    bodies: Object.fromEntries(
      Object.entries(wrangler.pages.bodies).map(([step, bodies]) => [step, bodies.map((body) => withoutSkipped(body, skipped))]),
    ),
  };
  const CORE = ["GET upload-token", "POST check-missing", "POST upload", "POST upsert-hashes", "POST deployments", "GET deployments/:id"];
  const hashes = (bodies: unknown[]) => bodies.map((b) => [...(b as { hashes: string[] }).hashes].sort());
  const files = (bodies: unknown[]) => (bodies as { key: string }[][]).flat().sort((a, b) => a.key.localeCompare(b.key));

  test("goes through the same steps in the same order", () => {
    expect(steps(theirs.requests)).toEqual([...KEPT.pagesWranglerOnly, ...CORE]);
    expect(steps(mine.requests)).toEqual([...CORE, ...KEPT.pagesProgramOnly]);
  });

  test("checks, uploads and registers the same files, byte for byte", () => {
    // The kept difference is real: wrangler does publish these.
    for (const path of KEPT.pagesFilesWranglerOnly) expect(Object.keys(wrangler.pages.form.manifest)).toContain(path);
    expect(hashes(mine.bodies("/check-missing"))).toEqual(hashes(theirs.bodies["check-missing"]!));
    expect(files(mine.bodies("/upload"))).toEqual(files(theirs.bodies.upload!));
    expect(hashes(mine.bodies("/upsert-hashes"))).toEqual(hashes(theirs.bodies["upsert-hashes"]!));
  });

  test("sends the same deployment parts in the same order, manifest and special files included", () => {
    const { order, branch, manifest, files: special } = mine.deployment;
    expect({ order, branch, manifest, special }).toEqual({ order: theirs.form.order, branch: theirs.form.branch, manifest: theirs.form.manifest, special: theirs.form.files });
  });

  test("bundles the gateway with the same metadata (bindings, compatibility settings) and code", () => {
    expect(mine.deployment.workerMetadata).toEqual(theirs.form.workerMetadata);
    expect(mine.deployment.workerCode).toBe(theirs.form.workerCode);
  });

  test("marks the config the same way, but for the hash of what each side hashes", () => {
    const keys = Object.keys({ ...theirs.form.fields, ...mine.deployment.fields });
    expect(keys.filter((k) => theirs.form.fields[k] !== mine.deployment.fields[k])).toEqual(KEPT.pagesFieldsDiffering);
    for (const fields of [mine.deployment.fields, theirs.form.fields]) expect(fields.wrangler_config_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the migrations, as `wrangler d1 migrations apply --remote` applies them", () => {
  const theirs = wrangler.d1.queries;
  const mine = ours.d1.queries;
  const records = (queries: string[]) => new Map(queries.filter(fileOf).map((q) => [fileOf(q)!, normalSql(q)]));

  test("create wrangler's own bookkeeping table with the same statement, then read it", () => {
    expect(normalSql(mine[0]!)).toBe(normalSql(theirs[0]!));
    expect([normalSql(theirs[1]!), normalSql(mine[1]!)]).toEqual([KEPT.d1ListQuery.wrangler, KEPT.d1ListQuery.program]);
  });

  test("send each file with its record in one request, but for the files split in parts", () => {
    const [t, m] = [records(theirs), records(mine)];
    expect([...t.keys()].filter((name) => m.get(name) !== t.get(name))).toEqual(KEPT.d1SplitFiles);
    expect(t.size).toBeGreaterThanOrEqual(11);
  });

  test("run a split file's statements in the same order as wrangler's one request", () => {
    const statements = (queries: string[]) => queries.flatMap(splitStatements).map(normalSql).filter((s) => !s.includes("d1_migrations"));
    for (const name of KEPT.d1SplitFiles) {
      const reference = statements(theirs.filter((q) => fileOf(q) === name));
      expect(reference.length).toBeGreaterThan(30);
      expect(statements(mine.filter((q) => q.includes(`'${name}'`)))).toEqual(reference);
    }
  });

  test("leave the same files recorded in d1_migrations, in the same order", () => {
    expect(ours.d1.recorded).toEqual(wrangler.d1.recorded);
  });
});

describe("the user Worker's queue consumer and cron trigger, as `wrangler deploy` registers them", () => {
  test("consume the same queue with the same settings and dead-letter queue", () => {
    const { accountId: _account, queueId, ...consumer } = ours.script("user-consumer-mail");
    expect(queueId).toBe("queues-mail-id");
    expect(wrangler.queues.consumers).toEqual([apiShape(consumer)]);
  });

  test("run on the same schedules", () => {
    expect(apiShape(ours.script("user-crons").schedules)).toEqual(wrangler.queues.schedules);
  });
});
