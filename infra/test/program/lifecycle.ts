import { expect, test } from "vitest";

import { protectedByDefault } from "../../config";
import { ofType, runProgram, type Registered } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";

const staging = await runProgram({ stack: "staging" });
const byName = (run: { resources: Registered[] }, name: string) => run.resources.find((r) => r.name === name)!;

/** Paths of `{}` and `[]` in a value: the provider reads them back as absent. */
function emptyCollections(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyCollections(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => emptyCollections(v, `${path}.${k}`));
  }
  return [];
}

test("no Cloudflare resource is given an empty collection, which would be a change on every `pulumi up`", () => {
  const cloudflare = staging.resources.filter((r) => r.type.startsWith("cloudflare:"));
  expect(cloudflare.length).toBeGreaterThanOrEqual(8);
  for (const r of cloudflare) expect(emptyCollections(unwrap(r.inputs)), r.name).toEqual([]);
});

test("D1, the session KV and the queues are protected on a production stack, and on staging only when configured", async () => {
  const stateful = (run: { resources: Registered[] }) => [
    ...ofType(run.resources, ":D1Database"),
    ...ofType(run.resources, ":WorkersKvNamespace"),
    ...ofType(run.resources, "index/queue:Queue"),
  ];
  expect(ofType(staging.resources, "index/queue:Queue").length).toBeGreaterThanOrEqual(2);
  expect(["prod", "production", "prod-eu", "production.2"].filter(protectedByDefault)).toHaveLength(4);
  expect(["staging", "dev", "staging-pr42", "product", "preprod"].filter(protectedByDefault)).toEqual([]);
  for (const r of stateful(await runProgram({ stack: "prod" }))) expect(r.options.protect, `prod: ${r.name}`).toBe(true);
  for (const r of stateful(staging)) expect(r.options.protect, r.name).toBe(false);
  const configured = await runProgram({ stack: "staging", config: { "workers-users:protect": "true" } });
  for (const r of stateful(configured)) expect(r.options.protect, r.name).toBe(true);
  await expect(runProgram({ config: { "workers-users:protect": "yes" } })).rejects.toThrow(/protect: "yes" is neither true nor false/);
});

test("a D1 location hint is read when the database is created, never a reason to replace it", () => {
  expect(byName(staging, "database-d1").options.ignoreChanges).toEqual(["primaryLocationHint"]);
});

test("the Pages project names no Worker, so it can exist before them; the deployment binds them", () => {
  const project = ofType(staging.resources, ":PagesProject")[0]!;
  expect(unwrap(project.inputs)).toEqual({ accountId: expect.any(String), name: "workers-users-staging-site", productionBranch: "main" });
  const content = ofType(staging.resources, ":PagesDeployment")[0]!;
  expect(unwrap(content.inputs.bindings)).toEqual([
    { type: "service", name: "API", service: "workers-users-staging-user" },
    { type: "service", name: "EXAMPLE", service: "workers-users-staging-example" },
  ]);
});

test("every Worker is deleted with force: on destroy the live Pages deployment still binds it", () => {
  const scripts = ofType(staging.resources, ":WorkersScript");
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  for (const s of scripts) expect(s.inputs.force, s.name).toBe(true);
});
