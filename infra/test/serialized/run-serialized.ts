/**
 * Run with `node --import tsx` (as `pulumi up` runs the program): serializes both
 * dynamic providers exactly as the Pulumi SDK stores them in state, loads them the
 * way the dynamic provider host does (require-from-string), and runs them against
 * the loopback fakes. Prints one JSON line for the test that spawned it.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { readMigrationFiles } from "../../migration-files";
import { D1Migrations } from "../../providers/d1-migrations";
import { PagesDeployment } from "../../providers/pages-deployment";
import { readSiteManifest } from "../../site-manifest";
import { CloudflareFake } from "../fakes/cloudflare-fake";
import { addD1 } from "../fakes/d1-fake";
import { PagesFake } from "../fakes/pages-fake";
import { fixtureBuild } from "../helpers/fixture-build";
import { unwrap } from "../helpers/secret-walk";

const accountId = "c".repeat(32);
const token = "serialized-token";
const root = new URL("../../../", import.meta.url).pathname;
const fake = new CloudflareFake();
const db = addD1(fake, { accountId, databaseId: "db-1", token });
const pages = new PagesFake(fake, { accountId, projectName: "site-1", token });
const apiBaseUrl = await fake.start();

const registered: Record<string, Record<string, unknown>> = {};
await pulumi.runtime.setMocks(
  {
    newResource: ({ name, inputs }) => {
      registered[name] = unwrap(inputs);
      return { id: `${name}-id`, state: inputs };
    },
    call: () => ({}),
  },
  "workers-users",
  "serialized",
  false,
);
const api = { accountId, apiToken: pulumi.secret(token), apiBaseUrl };
const migrations = new D1Migrations("migrations", { ...api, databaseId: "db-1", migrations: readMigrationFiles(`${root}migrations`) });
const site = fixtureBuild().site.dir;
const content = new PagesDeployment("content", {
  ...api,
  projectName: "site-1",
  branch: "main",
  site: readSiteManifest(site),
  compatibilityDate: "2026-04-20",
  apiWorkers: ["user-1"],
});
await new Promise((resolve) => pulumi.all([migrations.urn, content.urn]).apply(resolve));

// The dynamic provider host's own loader, from the copy of the SDK that serialized them.
const hostRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/cmd/dynamic-provider"));
const requireFromString = hostRequire("require-from-string") as (code: string) => { handler: () => pulumi.dynamic.ResourceProvider };
const result: Record<string, unknown> = {};
for (const name of ["migrations", "content"]) {
  const { __provider: code, ...inputs } = registered[name] as { __provider: string };
  const provider = requireFromString(code).handler();
  const created = await provider.create(inputs);
  const diff = await provider.diff!(created.id, created.outs, inputs);
  const failed = await provider.create({ ...inputs, apiToken: "wrong" }).then(() => "no error", (e: Error) => e.message);
  result[name] = { codeBytes: code.length, mentionsRoot: code.includes(root), created, diff, failed };
}
result.program = await runWholeProgram();
result.recordedInD1 = (db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
result.deployments = pages.deployments.length;
await fake.stop();
console.log(JSON.stringify(result));

/** The whole program, loaded by tsx as `pulumi up` loads it, against the mock engine. */
async function runWholeProgram() {
  const types: string[] = [];
  let providers = 0;
  pulumi.runtime.setAllConfig({
    "workers-users:accountId": accountId,
    "workers-users:emailProvider": "outbox",
    "cloudflare:apiToken": token,
  });
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, inputs }) => {
        types.push(type);
        if (typeof inputs.__provider === "string" && inputs.__provider.includes("exports.handler")) providers++;
        return { id: `${types.length}`, state: inputs };
      },
      call: () => ({}),
    },
    "workers-users",
    "serialized-program",
    false,
  );
  const { default: main } = await import("../../index");
  const outputs = await main({ root, build: async () => fixtureBuild() });
  await new Promise((resolve) => pulumi.output(outputs).apply(resolve));
  return { types: types.sort(), serializedProviders: providers };
}
process.exit(0);
