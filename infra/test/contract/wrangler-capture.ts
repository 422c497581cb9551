import { execFile } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { appFolders, WRANGLER_FILES } from "../../declarations";
import { readJsonc } from "../../wrangler/read-jsonc";
import { AccountFake } from "../fakes/account-fake";
import type { DeploymentForm } from "../fakes/pages-form";
import type { FakeScript } from "../fakes/workers-fake";
import { fixtureBuild } from "../helpers/fixture-build";
import { tempDir } from "../helpers/temp-dir";
import { collectQueues, prepareQueues } from "./queues-reference";
import { deployedName, STAGING, stackD1Config, stackSiteConfig, stackWorkerConfig } from "./stack-configs";

/** What the project's own wrangler sent for the staging stack, request by request. */
export interface WranglerCapture {
  version: string;
  workers: Record<string, { upload: Pick<FakeScript, "metadata" | "parts" | "subdomain" | "query">; requests: string[] }>;
  pages: { requests: string[]; form: DeploymentForm; bodies: Record<string, unknown[]> };
  d1: { queries: string[]; recorded: string[] };
  queues: ReturnType<typeof collectQueues>;
}

declare module "vitest" {
  export interface ProvidedContext {
    wranglerCapture: WranglerCapture;
  }
}

const ROOT = new URL("../../../", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const WRANGLER = require.resolve("wrangler/bin/wrangler.js");

/**
 * Runs wrangler (the version in package-lock.json) against a loopback fake of
 * the API, once per Worker, once for the site and once for the migrations, all
 * at once, and hands what it sent to test/contract.test.ts.
 */
export default async function captureWrangler(project: TestProject): Promise<void> {
  const work = tempDir("wrangler-");
  const dist = fixtureBuild();
  const account = new AccountFake(STAGING.accountId, STAGING.token, { strict: false });
  account.pages.createProject(STAGING.projectName, "main");
  // wrangler waits 1 s before its first check: a deployment live at the first check costs only that.
  account.pages.pollsUntilDone = 1;
  account.d1.add(STAGING.databaseName, STAGING.databaseId);
  prepareQueues(account);
  const baseUrl = await account.start();
  const run = (cwd: string, args: string[]) => wrangler(cwd, args, baseUrl, work);
  try {
    const units = ["session", "user", ...appFolders(ROOT)];
    await Promise.all([
      ...units.map((unit) => deployWorker(unit, join(work, unit), (dist as Record<string, { dir: string }>)[unit]!.dir, run)),
      deploySite(join(work, "site"), dist.site.dir, run),
      writeAndRun(join(work, "d1"), stackD1Config(join(ROOT, "migrations")), ["d1", "migrations", "apply", "DB", "--remote"], run),
    ]);
    project.provide("wranglerCapture", collect(account, units, (require("wrangler/package.json") as { version: string }).version));
  } finally {
    await account.stop();
  }
}

type Run = (cwd: string, args: string[]) => Promise<string>;

async function deployWorker(unit: string, dir: string, built: string, run: Run) {
  cpSync(built, dir, { recursive: true });
  const file = unit === "session" || unit === "user" ? WRANGLER_FILES[unit] : `workers/${unit}/wrangler.jsonc`;
  const config = stackWorkerConfig(readJsonc(join(ROOT, file)) as Record<string, any>, "index.js");
  const secrets = STAGING.secrets[unit];
  if (secrets) writeFileSync(join(dir, "secrets.json"), JSON.stringify(secrets));
  await writeAndRun(dir, config, ["deploy", ...(secrets ? ["--secrets-file", "secrets.json"] : [])], run);
}

async function deploySite(dir: string, built: string, run: Run) {
  cpSync(built, join(dir, "dist"), { recursive: true });
  const config = stackSiteConfig(readJsonc(join(ROOT, WRANGLER_FILES.site)) as Record<string, any>);
  // The site's _worker.js is already bundled by scripts/build.ts, as the program deploys it.
  await writeAndRun(dir, config, ["pages", "deploy", "--branch", "main", "--no-bundle"], run);
}

async function writeAndRun(dir: string, config: Record<string, unknown>, args: string[], run: Run) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "wrangler.jsonc"), JSON.stringify(config, null, 2));
  await run(dir, args);
}

async function wrangler(cwd: string, args: string[], baseUrl: string, work: string): Promise<string> {
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    XDG_CONFIG_HOME: join(work, "xdg"),
    CLOUDFLARE_API_BASE_URL: baseUrl,
    CLOUDFLARE_API_TOKEN: STAGING.token,
    CLOUDFLARE_ACCOUNT_ID: STAGING.accountId,
    WRANGLER_SEND_METRICS: "false",
    // The banner's update check would ask the npm registry.
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_LOG_PATH: join(work, "logs"),
    FORCE_COLOR: "0",
  };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [WRANGLER, ...args], { cwd, env, timeout: 30_000 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

function collect(account: AccountFake, units: string[], version: string): WranglerCapture {
  const requests = account.http.requests;
  const line = (r: (typeof requests)[number]) => `${r.method} ${r.path}${r.query}`;
  const workers = Object.fromEntries(
    units.map((unit) => {
      const name = deployedName(`workers-users-${unit}`);
      const { metadata, parts, subdomain, query } = account.workers.scripts.get(name)!;
      const own = requests.filter((r) => r.path.includes(`/workers/scripts/${name}`) || r.path.endsWith(`/workers/services/${name}`));
      return [unit, { upload: { metadata, parts, subdomain, query }, requests: own.map(line) }];
    }),
  );
  const pagesRequests = requests.filter((r) => r.path.includes("/pages/"));
  const bodies = (suffix: string) => pagesRequests.filter((r) => r.path.endsWith(suffix)).map((r) => JSON.parse(r.body.toString("utf8")));
  const queries = requests.filter((r) => r.path.endsWith("/query")).map((r) => (JSON.parse(r.body.toString("utf8")) as { sql: string }).sql);
  const db = account.d1.databases.get(STAGING.databaseId)!.db;
  const recorded = (db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name);
  const [deployment] = account.pages.deployments;
  return {
    version,
    workers,
    pages: {
      requests: pagesRequests.map(line),
      form: formOf(deployment!),
      bodies: { "check-missing": bodies("/check-missing"), upload: bodies("/upload"), "upsert-hashes": bodies("/upsert-hashes") },
    },
    d1: { queries, recorded },
    queues: collectQueues(account),
  };
}

function formOf({ order, branch, manifest, fields, files, workerMetadata, workerCode }: DeploymentForm): DeploymentForm {
  return { order, branch, manifest, fields, files, workerMetadata, workerCode };
}
