import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

import { readDeclarations, workerUnits } from "../../declarations";
import { PROGRAM_SECRETS, SECRET_CONFIG_KEYS } from "../../secrets";
import type { BindingDeclaration } from "../../wrangler/worker-config";
import { ACCOUNT_ID, ofType, ROOT, runProgram, type Registered } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";

const run = await runProgram({ config: { "workers-users:vars": JSON.stringify({ SESSION_MAX_PER_USER: "20" }) } });
const declarations = readDeclarations(ROOT);
const byName = (name: string) => run.resources.find((r) => r.name === name)!;
const units = workerUnits(declarations);
const scripts: Record<string, Registered> = Object.fromEntries(units.map(([unit]) => [unit, byName(`${unit}-script`)]));
const deployedName = (wranglerName: string) => scripts[units.find(([, w]) => w.name === wranglerName)![0]]!.inputs.scriptName;
const d1 = ofType(run.resources, ":D1Database")[0]!;
/** This stack's queue for a queue name of a wrangler.jsonc: `workers-users-mail` is `workers-users-staging-mail`. */
const deployedQueue = (declared: string) =>
  ofType(run.resources, "index/queue:Queue").find((q) => q.inputs.queueName === declared.replace(/^workers-users-/, "workers-users-staging-"))!;

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
    case "queue":
      return { type: "queue", name: b.name, queueName: deployedQueue(b.queue).inputs.queueName };
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
  // Left out when there are none (the passkey Worker): an empty list would be a change on every `up`.
  const bindings = (unwrap(scripts[unit]!.inputs.bindings) ?? []) as Record<string, unknown>[];

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
      queue: () => false,
    }[b.kind];
    expect(wired(), `${declarations.site.file}: ${b.name}`).toBe(true);
  }
  expect(bindings).toHaveLength(declarations.site.bindings.length);
  expect(content.inputs).toMatchObject({ compatibilityDate: declarations.site.compatibilityDate, compatibilityFlags: declarations.site.compatibilityFlags });
});

describe.each(units.filter(([, w]) => w.queueConsumers.length > 0 || w.crons.length > 0).map(([unit]) => unit))("the %s Worker's queues and crons", (unit) => {
  const declaration = units.find(([u]) => u === unit)![1];

  test("consumes each queue its wrangler.jsonc consumes, with its settings and this stack's dead-letter queue", () => {
    const consumers = ofType(run.resources, ":QueueConsumer").filter((c) => c.name.startsWith(`${unit}-`));
    expect(consumers).toHaveLength(declaration.queueConsumers.length);
    for (const c of declaration.queueConsumers) {
      const consumer = consumers.find((x) => x.inputs.queueId === `${deployedQueue(c.queue).name}-id`)!;
      expect(unwrap(consumer.inputs)).toEqual({
        accountId: ACCOUNT_ID,
        queueId: `${deployedQueue(c.queue).name}-id`,
        scriptName: scripts[unit]!.inputs.scriptName,
        type: "worker",
        ...(c.deadLetterQueue && { deadLetterQueue: deployedQueue(c.deadLetterQueue).inputs.queueName }),
        settings: { batchSize: c.maxBatchSize, maxRetries: c.maxRetries, maxWaitTimeMs: c.maxBatchTimeout! * 1000 },
      });
    }
  });

  test("runs its scheduled handler on the crons its wrangler.jsonc names", () => {
    const trigger = ofType(run.resources, ":WorkersCronTrigger").find((t) => t.name === `${unit}-crons`)!;
    expect(unwrap(trigger.inputs)).toEqual({ accountId: ACCOUNT_ID, scriptName: scripts[unit]!.inputs.scriptName, schedules: declaration.crons.map((cron) => ({ cron })) });
  });
});

test("the user Worker sends mail through this stack's queue and parks what fails in its dead-letter queue", () => {
  const user = declarations.user;
  expect(user.bindings.filter((b) => b.kind === "queue").map((b) => b.name).sort()).toEqual(["MAIL_DEAD_LETTER", "MAIL_QUEUE"]);
  expect(user.queueConsumers.map((c) => [c.queue, c.deadLetterQueue])).toEqual([["workers-users-mail", "workers-users-mail-dead-letter"]]);
  expect(user.crons).toEqual(["0 * * * *"]);
  expect(ofType(run.resources, "index/queue:Queue").map((q) => q.inputs.queueName).sort()).toEqual([
    "workers-users-staging-mail",
    "workers-users-staging-mail-dead-letter",
  ]);
});
