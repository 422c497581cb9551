/**
 * `npm run bench`: the session check against a floor Worker in the same workerd
 * process, logins, Argon2id against native, workerd memory under concurrent
 * logins and bundle sizes. Prints a table and writes docs/performance.{md,json}.
 *
 *   npm run bench                 # full run (about 5 minutes), what the docs hold
 *   npm run bench -- --quick      # a shorter run to try changes (written to the temp folder)
 *   npm run bench -- --npm-test   # also times `npm test` once, before the rest
 */
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "./build";
import { benchArgon2, PLAN as ARGON2_PLAN } from "./bench/argon2";
import { bundleSizes } from "./bench/bundles";
import { onCleanup, undo } from "./bench/cleanup";
import { benchHotPath } from "./bench/hot-path";
import { benchLogins, CONCURRENT_LOGINS, loginMemory } from "./bench/logins";
import { machine, versions } from "./bench/machine";
import { timeNpmTest } from "./bench/npm-test";
import { childProcesses, memory } from "./bench/procfs";
import { buildReferenceWorkers, type ReferenceWorkers } from "./bench/reference-workers";
import { consoleReport, writeReports } from "./bench/report";
import type { BenchResult } from "./bench/result";
import { seedAccounts } from "./bench/seed";
import { startLocalStack, type LocalStack } from "./lib/local-stack";

const quick = process.argv.includes("--quick");
const withNpmTest = process.argv.includes("--npm-test");

// The last 16 accounts' sessions hold about 15 KB of app data (the limit is 16 KiB).
const SESSION_DATA = { dataBytes: 15_000, dataAccounts: 16 };

const PLANS = {
  full: {
    accounts: 48,
    hotPath: { rounds: 10, warmupSeconds: 2, seconds: 1.5, connections: 8, ...SESSION_DATA },
    logins: { connections: 4, warmupSeconds: 2, maxSeconds: 40 },
    argon2: ARGON2_PLAN,
  },
  quick: {
    accounts: 2 * CONCURRENT_LOGINS,
    hotPath: { rounds: 3, warmupSeconds: 1, seconds: 1, connections: 8, ...SESSION_DATA },
    logins: { connections: 4, warmupSeconds: 1, maxSeconds: 20 },
    argon2: { perRequest: 2, samples: 5, warmupRequests: 1, baselineRequests: 5 },
  },
};
const plan = quick ? PLANS.quick : PLANS.full;

// One client address for all the load; no third-party lookup on sign-up (the local stack's default too);
// tokens that outlive the runs (issued once before them, verified throughout).
const STACK_ENV = { RATE_LIMIT_IP: "off", BREACHED_PASSWORD_CHECK: "off", TOKEN_TTL: "600" };
// Thousands of tokens a second from a few dozen sessions: the per-session limit would answer 429.
const STACK_RATELIMITS = { TOKEN_RATE_LIMITER: { limit: 1_000_000, period: 60 as const } };

const started = performance.now();
function log(line: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}] ${line}`);
}

async function startStack(reference: ReferenceWorkers): Promise<{ stack: LocalStack; workerdPid: number }> {
  const persistDir = await mkdtemp(join(tmpdir(), "workers-users-bench-"));
  onCleanup(() => rm(persistDir, { recursive: true, force: true }), () => rmSync(persistDir, { recursive: true, force: true }));
  const before = new Set(childProcesses(process.pid, "workerd"));
  const stack = await startLocalStack({
    port: 0,
    persistDir,
    env: STACK_ENV,
    ratelimits: STACK_RATELIMITS,
    skipBuild: true,
    extraWorkers: (url) => reference.options(url, STACK_ENV),
  });
  const pids = childProcesses(process.pid, "workerd").filter((pid) => !before.has(pid));
  onCleanup(() => stack.stop(), () => pids.forEach((pid) => process.kill(pid, "SIGKILL")));
  if (pids.length !== 1) throw new Error(`expected one new workerd process, found ${pids.length}`);
  return { stack, workerdPid: pids[0]! };
}

type StackNumbers = Pick<BenchResult, "workerdRssKiB" | "accounts" | "hotPath" | "logins">;

/** Everything measured on the local stack, in an order where no run disturbs the next. */
async function onStack(): Promise<StackNumbers> {
  const reference = await buildReferenceWorkers();
  onCleanup(() => reference.dispose(), () => rmSync(reference.dir, { recursive: true, force: true }));
  const { stack, workerdPid } = await startStack(reference);
  const afterStart = memory(workerdPid).rssKiB;
  log(`local stack on ${stack.url}, workerd pid ${workerdPid}; seeding ${plan.accounts} accounts`);
  const sessionsSince = performance.now();
  const accounts = await seedAccounts(stack.url, plan.accounts, 4, (n) => n % 8 === 0 && log(`  ${n}/${plan.accounts} accounts`));
  const afterSeeding = memory(workerdPid).rssKiB;
  const loginMemoryResult = await loginMemory(stack.url, accounts, workerdPid, log);
  const hotPath = await benchHotPath({ ...stack, workerdPid }, accounts, sessionsSince, plan.hotPath, log);
  const afterHotPath = memory(workerdPid).rssKiB;
  const logins = { memory: loginMemoryResult, ...(await benchLogins(stack.url, workerdPid, accounts, plan.logins, log)) };
  await undo();
  return { workerdRssKiB: { afterStart, afterSeeding, afterHotPath }, accounts: accounts.length, hotPath, logins };
}

async function main(): Promise<BenchResult> {
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  let npmTest: BenchResult["npmTest"] = null;
  if (withNpmTest) {
    log("timing npm test (it starts stacks of its own; the benchmark waits)");
    npmTest = await timeNpmTest();
    log(`npm test: ${npmTest.seconds} s, exit code ${npmTest.exitCode}`);
  }
  log("building dist/ and the reference Workers");
  await build();
  const bundles = await bundleSizes();
  const numbers = await onStack();
  log("Argon2id: each candidate in its own workerd, timed against native @node-rs/argon2");
  const argon2 = await benchArgon2(plan.argon2);
  return {
    date: new Date().toISOString(),
    command: `npm run bench${quick ? " -- --quick" : ""}${withNpmTest ? ` ${quick ? "" : "-- "}--npm-test` : ""}`,
    quick,
    machine: machine(),
    loadAverage1m: { before: loadBefore, after: Math.round(loadavg()[0]! * 100) / 100 },
    versions: versions(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    ...numbers,
    loginPlan: plan.logins,
    argon2,
    bundles,
    npmTest,
  };
}

try {
  const result = await main();
  console.log(`\n${consoleReport(result)}\n`);
  const written = await writeReports(result);
  log(`wrote ${written.markdown} and ${written.json}${quick ? " (quick run: docs/ left as it is)" : ""}`);
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await undo();
}
