/**
 * Run with `node --import tsx`, as `pulumi up` runs the program (Pulumi.yaml).
 * Serializes every dynamic provider exactly as the Pulumi SDK stores them in state,
 * and runs the whole program against the mock engine with the real providers.
 * Prints one JSON line for test/serialized-providers.test.ts, which loads the code.
 */
import * as pulumi from "@pulumi/pulumi";
import { readMigrationFiles } from "../../migration-files";
import { D1Migrations } from "../../providers/d1-migrations";
import { PagesDeployment } from "../../providers/pages-deployment";
import { MfaEncryptionKey } from "../../providers/mfa-key";
import { SigningKeys } from "../../providers/signing-keys";
import { readSiteManifest } from "../../site-manifest";
import { fixtureBuild } from "../helpers/fixture-build";
import { unwrap } from "../helpers/secret-walk";

const root = new URL("../../../", import.meta.url).pathname;
const accountId = "c".repeat(32);

async function serializedProviders() {
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
  const api = { accountId, apiToken: pulumi.secret("placeholder"), apiBaseUrl: "placeholder" };
  const migrations = new D1Migrations("migrations", { ...api, databaseId: "db-1", migrations: readMigrationFiles(`${root}migrations`) });
  const content = new PagesDeployment("content", {
    ...api,
    projectName: "site-1",
    branch: "main",
    // The test that spawned this process reads these files again: it made them, it keeps them.
    site: readSiteManifest(process.env.SITE_DIR ?? fixtureBuild().site.dir),
    compatibilityDate: "2026-04-20",
    compatibilityFlags: [],
    bindings: [{ type: "service", name: "API", service: "user-1" }],
    buildOutputDir: "dist",
    keepDeployments: 10,
  });
  const keys = new SigningKeys("keys", { generation: 1 });
  const mfaKey = new MfaEncryptionKey("mfa-key");
  await new Promise((resolve) => pulumi.all([migrations.urn, content.urn, keys.urn, mfaKey.urn]).apply(resolve));
  return registered;
}

/** The whole program, loaded by tsx as `pulumi up` loads it, against the mock engine. */
async function wholeProgram() {
  const types: string[] = [];
  let providers = 0;
  pulumi.runtime.setAllConfig({ "workers-users:accountId": accountId, "workers-users:emailProvider": "outbox", "cloudflare:apiToken": "t" });
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

const providers = await serializedProviders();
const program = await wholeProgram();
// Exit only once the pipe has taken all of it (the SDK keeps handles open otherwise).
process.stdout.write(`${JSON.stringify({ root, providers, program })}\n`, () => process.exit(0));
