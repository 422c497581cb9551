import { expect, test } from "vitest";

import { StackNames } from "../../names";
import { fixtureRoot } from "../helpers/fixture-root";
import { runProgram } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";

const rateLimited = fixtureRoot((c) => {
  c.user!.ratelimits = [{ name: "LOGIN_LIMITER", namespace_id: "1001", simple: { limit: 10, period: 60 } }];
});

test("a Workers Rate Limiting binding is wired with a namespace id of this stack's own", async () => {
  const ids: string[] = [];
  for (const stack of ["staging", "staging-pr42"]) {
    const { resources } = await runProgram({ stack, root: rateLimited });
    const bindings = unwrap(resources.find((r) => r.name === "user-script")!.inputs.bindings) as Record<string, any>[];
    const limiter = bindings.find((b) => b.name === "LOGIN_LIMITER")!;
    expect(limiter).toEqual({
      type: "ratelimit",
      name: "LOGIN_LIMITER",
      namespaceId: new StackNames("workers-users", stack).rateLimitNamespace("1001"),
      simple: { limit: 10, period: 60 },
    });
    ids.push(limiter.namespaceId);
  }
  // Namespace ids are account-wide: two stacks sharing one would share their counters.
  expect(ids[0]).not.toBe(ids[1]);
});

test("a binding kind the program does not map stops the deploy, naming the file and the key", async () => {
  const root = fixtureRoot((c) => {
    c.user!.r2_buckets = [{ binding: "FILES", bucket_name: "files" }];
  });
  await expect(runProgram({ root })).rejects.toThrow(/workers\/user\/wrangler\.jsonc: "r2_buckets" is not mapped/);
});

test("a service binding to a Worker this stack does not deploy stops the deploy", async () => {
  const root = fixtureRoot((c) => {
    c.user!.services.push({ binding: "BILLING", service: "billing" });
  });
  await expect(runProgram({ root })).rejects.toThrow(/binding BILLING refers to "billing", which this stack does not deploy/);
});

test("a rate limit period Cloudflare does not accept is refused", async () => {
  const root = fixtureRoot((c) => {
    c.user!.ratelimits = [{ name: "LIMITER", namespace_id: "7", simple: { limit: 5, period: 30 } }];
  });
  await expect(runProgram({ root })).rejects.toThrow(/"simple.period" must be 10 or 60/);
});

test("Workers that name different D1 databases are refused (the stack deploys one)", async () => {
  const root = fixtureRoot((c) => {
    c.session!.d1_databases[0].database_name = "other";
  });
  await expect(runProgram({ root })).rejects.toThrow(/share exactly one D1 database/);
});

test("a queue option the program does not map, or a cron that is not one, stops the deploy", async () => {
  const unmapped = fixtureRoot((c) => {
    c.user!.queues.consumers[0].visibility_timeout_ms = 1000;
  });
  await expect(runProgram({ root: unmapped })).rejects.toThrow(/queue consumer workers-users-mail: "visibility_timeout_ms" is not mapped/);
  const badCron = fixtureRoot((c) => {
    c.user!.triggers = { crons: [""] };
  });
  await expect(runProgram({ root: badCron })).rejects.toThrow(/"triggers.crons" must be cron expressions/);
});

test("a queue a consumer names that no wrangler.jsonc produces to is still created, and a Pages site may not consume one", async () => {
  const consumerOnly = fixtureRoot((c) => {
    c.example!.queues = { consumers: [{ queue: "workers-users-jobs", max_retries: 2 }] };
  });
  const { resources } = await runProgram({ root: consumerOnly });
  const jobs = resources.find((r) => r.type.endsWith("index/queue:Queue") && r.inputs.queueName === "workers-users-staging-jobs");
  expect(jobs).toBeDefined();
  const consumer = resources.find((r) => r.name === "example-consumer-jobs")!;
  expect(unwrap(consumer.inputs)).toMatchObject({ queueId: `${jobs!.name}-id`, type: "worker", settings: { maxRetries: 2 } });
  const site = fixtureRoot((c) => {
    c.site!.triggers = { crons: ["0 * * * *"] };
  });
  await expect(runProgram({ root: site })).rejects.toThrow(/a Pages project has no queue consumers or cron triggers/);
});
