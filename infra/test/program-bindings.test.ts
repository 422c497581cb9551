import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";

vi.mock("../providers/d1-migrations-provider", async () => (await import("./helpers/stub-providers")).stubD1);
vi.mock("../providers/pages-deployment-provider", async () => (await import("./helpers/stub-providers")).stubPages);

import { readDeclarations, workerUnits } from "../declarations";
import { PROGRAM_SECRETS, SECRET_CONFIG_KEYS } from "../secrets";
import type { BindingDeclaration } from "../wrangler/worker-config";
import { ofType, ROOT, runProgram, type Registered } from "./helpers/run-program";
import { unwrap } from "./helpers/secret-walk";

const run = await runProgram({ config: { "workers-users:vars": JSON.stringify({ SESSION_MAX_PER_USER: "20" }) } });
const declarations = readDeclarations(ROOT);
const byName = (name: string) => run.resources.find((r) => r.name === name)!;
const units = workerUnits(declarations);
const scripts: Record<string, Registered> = Object.fromEntries(units.map(([unit]) => [unit, byName(`${unit}-script`)]));
const deployedName = (wranglerName: string) => scripts[units.find(([, w]) => w.name === wranglerName)![0]]!.inputs.scriptName;
const d1 = ofType(run.resources, ":D1Database")[0]!;

/** What the binding must look like once wired to the resource this stack created for it. */
function expectedWorkerBinding(b: BindingDeclaration): Record<string, unknown> {
  switch (b.kind) {
    case "kv_namespace": {
      const kv = run.resources.find((r) => r.type.endsWith(":WorkersKvNamespace") && r.inputs.title.endsWith(`-${b.name.toLowerCase()}`))!;
      return { type: "kv_namespace", name: b.name, namespaceId: `${kv.name}-id` };
    }
    case "d1":
      return { type: "d1", name: b.name, id: `uuid-${d1.name}` };
    case "service":
      return { type: "service", name: b.name, service: deployedName(b.service), ...(b.entrypoint ? { entrypoint: b.entrypoint } : {}) };
    case "var":
      return { type: expect.stringMatching(/^(plain_text|json)$/), name: b.name };
    case "ratelimit":
      return { type: "ratelimit", name: b.name, namespaceId: expect.stringMatching(/^\d+$/), simple: { limit: b.limit, period: b.period } };
  }
}

function declaredSecrets(unit: string): string[] {
  const file = join(ROOT, "workers", unit, "src", "secrets.d.ts");
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*([A-Z][A-Z0-9_]*)\??\s*:\s*string/gm)].map((m) => m[1]!).sort();
}

test("every Worker under workers/ with a wrangler.jsonc is deployed", () => {
  expect(units.map(([unit]) => unit)).toEqual(expect.arrayContaining(["session", "user", "example"]));
  for (const [unit] of units) expect(scripts[unit], unit).toBeDefined();
});

describe.each(units.map(([unit]) => unit))("the %s Worker", (unit) => {
  const declaration = units.find(([u]) => u === unit)![1];
  const bindings = unwrap(scripts[unit]!.inputs.bindings) as Record<string, unknown>[];

  test("has every binding its wrangler.jsonc declares, wired to this stack's resource", () => {
    for (const b of declaration.bindings) {
      expect(bindings, `${declaration.file}: ${b.name}`).toContainEqual(expect.objectContaining(expectedWorkerBinding(b)));
    }
  });

  test("has no binding beyond its wrangler.jsonc and the secrets its secrets.d.ts declares", () => {
    const secretNames = bindings.filter((b) => b.type === "secret_text").map((b) => b.name);
    expect(secretNames.sort()).toEqual(declaredSecrets(unit));
    expect([...Object.keys(SECRET_CONFIG_KEYS[unit] ?? {}), ...(PROGRAM_SECRETS[unit] ?? [])].sort()).toEqual(declaredSecrets(unit));
    expect(bindings).toHaveLength(declaration.bindings.length + secretNames.length);
  });

  test("ships its code as the main module with the compatibility date of its wrangler.jsonc", () => {
    expect(scripts[unit]!.inputs).toMatchObject({ mainModule: "index.js", compatibilityDate: declaration.compatibilityDate });
    expect(scripts[unit]!.inputs.content).toContain("export default");
  });
});

test("a stack var overrides the declared value; undeclared vars keep wrangler.jsonc's", () => {
  const bindings = unwrap(scripts.session!.inputs.bindings) as { name: string; text?: string }[];
  expect(bindings.find((b) => b.name === "SESSION_MAX_PER_USER")?.text).toBe("20");
  expect(bindings.find((b) => b.name === "SESSION_TOUCH_INTERVAL")?.text).toBe("300");
});

test("the site's gateway gets every binding of site/wrangler.jsonc with each deployment", () => {
  const content = ofType(run.resources, ":PagesDeployment")[0]!;
  const bindings = unwrap(content.inputs.bindings) as Record<string, any>[];
  for (const b of declarations.site.bindings) {
    const sent = bindings.find((x) => x.name === b.name);
    const wired = {
      service: () => sent?.type === "service" && sent.service === deployedName((b as { service: string }).service),
      var: () => sent?.type === "plain_text" || sent?.type === "json",
      kv_namespace: () => sent?.type === "kv_namespace",
      d1: () => sent?.type === "d1" && sent.id === `uuid-${d1.name}`,
      ratelimit: () => false,
    }[b.kind];
    expect(wired(), `${declarations.site.file}: ${b.name}`).toBe(true);
  }
  expect(bindings).toHaveLength(declarations.site.bindings.length);
  expect(content.inputs).toMatchObject({ compatibilityDate: declarations.site.compatibilityDate, compatibilityFlags: declarations.site.compatibilityFlags });
});
