import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("../providers/d1-migrations-provider", async () => (await import("./helpers/stub-providers")).stubD1);
vi.mock("../providers/pages-deployment-provider", async () => (await import("./helpers/stub-providers")).stubPages);

import type * as d1 from "../providers/d1-migrations-provider";
import type * as pages from "../providers/pages-deployment-provider";
import { mfaKeyProvider } from "../providers/mfa-key-provider";
import { signingKeysProvider } from "../providers/signing-keys-provider";
import { TestStack } from "./engine/test-stack";
import { AccountFake } from "./fakes/account-fake";
import { fixtureRoot } from "./helpers/fixture-root";
import { ACCOUNT_ID, SECRETS } from "./helpers/stack-constants";

// The real providers run in this process; the program serializes the stubs (see helpers/stub-providers.ts).
const dynamic = {
  D1Migrations: (await vi.importActual<typeof d1>("../providers/d1-migrations-provider")).d1MigrationsProvider,
  PagesDeployment: (await vi.importActual<typeof pages>("../providers/pages-deployment-provider")).pagesDeploymentProvider,
  SigningKeys: signingKeysProvider,
  MfaEncryptionKey: mfaKeyProvider,
};

describe("a staging stack's life, against a fake account that enforces the API's rules", () => {
  const account = new AccountFake(ACCOUNT_ID, SECRETS.apiToken);
  const root = fixtureRoot(() => {});
  // The next number after the repository's last migration, whatever it is by then.
  const last = readdirSync(join(root, "migrations")).filter((f) => f.endsWith(".sql")).sort().at(-1)!;
  const widgets = `${String(Number(last.slice(0, 4)) + 1).padStart(4, "0")}_create_widgets.sql`;
  let stack: TestStack;
  const db = () => [...account.d1.databases.values()][0]!;
  const recorded = () => (db().db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
  const live = () => account.pages.live("workers-users-staging-site")!;
  const editJson = (file: string, edit: (config: Record<string, any>) => void) => {
    const config = JSON.parse(readFileSync(join(root, file), "utf8"));
    edit(config);
    writeFileSync(join(root, file), JSON.stringify(config, null, 2));
  };

  beforeAll(async () => {
    // The API's request-size limit is not documented: this fake holds the program to its own bound.
    account.d1.maxRequestBytes = 100_000;
    stack = new TestStack("staging", await account.start(), dynamic);
  });
  afterAll(() => account.stop());

  test("the first `up` creates everything, in an order the API accepts, and the site is live", async () => {
    await stack.up({ root, config: { "workers-users:d1LocationHint": "weur" } });
    expect([...account.workers.scripts.keys()].sort()).toEqual([
      "workers-users-staging-example",
      "workers-users-staging-passkeys",
      "workers-users-staging-session",
      "workers-users-staging-user",
    ]);
    expect(account.workers.scripts.get("workers-users-staging-user")!.subdomain).toEqual({ enabled: false, previews_enabled: false });
    expect(account.workers.scripts.get("workers-users-staging-passkeys")!.subdomain).toEqual({ enabled: false, previews_enabled: false });
    expect(live().workerMetadata!.bindings).toEqual([
      { type: "service", name: "API", service: "workers-users-staging-user" },
      { type: "service", name: "EXAMPLE", service: "workers-users-staging-example" },
    ]);
    expect(recorded()).toContain("0011_seed_common_passwords.sql");
    expect([...account.kv.namespaces.values()].map((n) => n.title)).toEqual(["workers-users-staging-session-sessions"]);
  });

  test("a second `up` with nothing changed changes nothing and sends no request that writes", async () => {
    const writes = account.http.writes().length;
    const steps = await stack.up({ root, config: { "workers-users:d1LocationHint": "weur" } });
    expect(steps.filter((s) => s.step !== "same")).toEqual([]);
    expect(account.http.writes().slice(writes)).toEqual([]);
  });

  test("a new D1 location hint on a live stack replaces nothing", async () => {
    const before = db().uuid;
    const steps = await stack.up({ root, config: { "workers-users:d1LocationHint": "enam" } });
    expect(steps.filter((s) => s.step !== "same")).toEqual([]);
    expect(db().uuid).toBe(before);
  });

  test("a binding or compatibility change in site/wrangler.jsonc deploys the site again, with it", async () => {
    const previous = live().id;
    editJson("site/wrangler.jsonc", (c) => {
      c.compatibility_date = "2026-05-01";
      c.vars = { SITE_NAME: "staging" };
    });
    const steps = await stack.up({ root });
    expect(steps.filter((s) => s.step !== "same")).toEqual([{ name: "site-content", step: "update" }]);
    expect(live().id).not.toBe(previous);
    expect(live().workerMetadata).toMatchObject({ compatibility_date: "2026-05-01", bindings: expect.arrayContaining([{ type: "plain_text", name: "SITE_NAME", text: "staging" }]) });
  });

  test("a new migration is applied alone, in one request, and nothing else changes", async () => {
    writeFileSync(join(root, "migrations", widgets), "CREATE TABLE widgets (id INTEGER PRIMARY KEY) STRICT;\n");
    const queries = account.http.requests.length;
    const steps = await stack.up({ root });
    expect(steps.filter((s) => s.step !== "same")).toEqual([{ name: "database-migrations", step: "update" }]);
    const sent = account.http.requests.slice(queries).filter((r) => r.body.includes("CREATE TABLE widgets"));
    expect(sent).toHaveLength(1);
    expect(recorded().at(-1)).toBe(widgets);
  });

  test("`refresh` sees a restored database and a rolled-back site; the next `up` repairs both", async () => {
    db().db.exec(`DROP TABLE widgets; DELETE FROM d1_migrations WHERE name = '${widgets}';`);
    const rolledBack = account.pages.deployments.at(-2)!.id;
    account.pages.projects.get("workers-users-staging-site")!.canonical = rolledBack;
    await stack.refresh();
    expect(stack.entry("database-migrations").outputs.recorded).not.toContain(widgets);
    expect(stack.entry("site-content").outputs.live).toBe(false);
    const steps = await stack.up({ root });
    expect(steps.filter((s) => s.step !== "same").map((s) => s.name).sort()).toEqual(["database-migrations", "site-content"]);
    expect(recorded().at(-1)).toBe(widgets);
    expect(live().id).not.toBe(rolledBack);
  });

  test("raising tokenKeyGeneration rotates the token keys and redeploys the user Worker alone", async () => {
    const before = JSON.parse(stack.entry("token-keys").outputs.keys);
    const steps = await stack.up({ root, config: { "workers-users:tokenKeyGeneration": "2" } });
    expect(steps.filter((s) => s.step !== "same")).toEqual([
      { name: "token-keys", step: "update" },
      { name: "user-script", step: "update" },
    ]);
    const after = JSON.parse(stack.entry("token-keys").outputs.keys);
    expect(after.previous.kid).toBe(before.current.kid);
    expect(after.current.kid).not.toBe(before.current.kid);
  });

  test("`destroy` deletes every resource, a project with more deployments than Pages deletes with it included", async () => {
    account.pages.maxDeploymentsToDelete = 1;
    expect(account.pages.deployments.length).toBeGreaterThan(1);
    await stack.destroy();
    expect(stack.state).toEqual([]);
    expect([account.workers.scripts.size, account.pages.projects.size, account.d1.databases.size, account.kv.namespaces.size]).toEqual([0, 0, 0, 0]);
  });
});

describe("a production stack", () => {
  const account = new AccountFake(ACCOUNT_ID, SECRETS.apiToken);
  afterAll(() => account.stop());

  test("refuses `destroy` while protected, and is destroyed once `protect` is turned off", async () => {
    const root = fixtureRoot(() => {});
    const stack = new TestStack("prod", await account.start(), dynamic);
    await stack.up({ root });
    await expect(stack.destroy()).rejects.toThrow(/(database-d1|token-keys|mfa-key) is protected and cannot be deleted: set `protect` to false first/);
    expect(account.d1.databases.size).toBe(1);
    await stack.up({ root, config: { "workers-users:protect": "false" } });
    await stack.destroy();
    expect([account.workers.scripts.size, account.d1.databases.size, account.kv.namespaces.size]).toEqual([0, 0, 0]);
  });
});
