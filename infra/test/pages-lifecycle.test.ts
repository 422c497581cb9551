import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { pagesDeploymentProvider as provider, type PagesDeploymentInputs } from "../providers/pages-deployment-provider";
import { readSiteManifest } from "../site-manifest";
import { CloudflareFake } from "./fakes/cloudflare-fake";
import { PagesFake } from "./fakes/pages-fake";
import { fixtureBuild } from "./helpers/fixture-build";

const accountId = "b".repeat(32);
const projectName = "workers-users-staging-site";
const token = "pages-token";
const retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
const poll = { attempts: 6, baseDelayMs: 1, maxDelayMs: 5 };
const services = [{ name: "API", type: "service", service: "workers-users-staging-user" }];

let fake: CloudflareFake;
let pages: PagesFake;
let apiBaseUrl: string;
let siteDir: string;

beforeEach(async () => {
  fake = new CloudflareFake();
  pages = new PagesFake(fake, { accountId, projectName, token });
  apiBaseUrl = await fake.start();
  siteDir = fixtureBuild().site.dir;
});
afterEach(() => fake.stop());

function inputs(extra: Partial<PagesDeploymentInputs> = {}): PagesDeploymentInputs {
  const { directory, assets, specialFiles, workerSha256, contentHash } = readSiteManifest(siteDir);
  return {
    accountId, projectName, branch: "main", directory, assets, specialFiles, workerSha256, contentHash,
    compatibilityDate: "2026-04-20", compatibilityFlags: [], bindings: services, buildOutputDir: "dist",
    keepDeployments: 3, apiToken: token, apiBaseUrl, retry, poll, ...extra,
  } as PagesDeploymentInputs;
}

const polls = () => fake.requests.filter((r) => r.method === "GET" && /\/deployments\/[^/]+$/.test(r.path));

test("a deployment counts only once Cloudflare reports its deploy stage ended in success", async () => {
  pages.pollsUntilDone = 3;
  const { outs } = await provider.create(inputs());
  expect(pages.deployments[0]!.stage).toEqual({ name: "deploy", status: "success" });
  expect(polls()).toHaveLength(3);
  expect(pages.live(projectName)?.id).toBe(outs.deploymentId);
});

test("a failed deployment fails `pulumi up` with the deployment's last log line", async () => {
  pages.failNextDeployment("Error: Script startup exceeded CPU time limit.");
  const run = provider.create(inputs());
  await expect(run).rejects.toThrow(/deployment 00000001\S* of workers-users-staging-site failed.*Script startup exceeded CPU time limit/);
  expect(pages.live(projectName)).toBeUndefined();
});

test("a deployment that never leaves the queue fails after a bounded number of polls", async () => {
  pages.stuck = true;
  await expect(provider.create(inputs())).rejects.toThrow(/is still queued \(active\) after 6 checks: it is not live/);
  expect(polls()).toHaveLength(poll.attempts);
});

test("changed bindings or compatibility settings are a change, and the new deployment carries them", async () => {
  const { outs } = await provider.create(inputs());
  expect(await provider.diff("id", outs, inputs())).toMatchObject({ changes: false });
  const rebound = inputs({ bindings: [...services, { name: "EXAMPLE", type: "service", service: "workers-users-staging-example" }] });
  expect(await provider.diff("id", outs, rebound)).toMatchObject({ changes: true, replaces: [] });
  expect(await provider.diff("id", outs, inputs({ compatibilityDate: "2026-05-01" }))).toMatchObject({ changes: true });
  expect(await provider.diff("id", outs, inputs({ compatibilityFlags: ["nodejs_compat"] }))).toMatchObject({ changes: true });
  await provider.update("id", outs, rebound);
  expect(pages.live(projectName)!.workerMetadata).toEqual({
    main_module: "_worker.js",
    bindings: rebound.bindings,
    compatibility_date: "2026-04-20",
    compatibility_flags: [],
  });
});

test("old deployments are pruned: the newest ones are kept for rollback, the rest deleted", async () => {
  let { outs } = await provider.create(inputs());
  for (let i = 0; i < 4; i++) {
    writeFileSync(join(siteDir, "index.html"), `<!doctype html><title>v${i}</title>\n`);
    outs = (await provider.update("id", outs, inputs())).outs;
  }
  expect(pages.deployments.map((d) => d.id)).toHaveLength(3);
  expect(pages.live(projectName)?.id).toBe(outs.deploymentId);
});

test("deleting the site removes every deployment but the live one, so its project can be deleted", async () => {
  pages.maxDeploymentsToDelete = 1;
  let { outs } = await provider.create(inputs({ keepDeployments: 10 }));
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(siteDir, "index.html"), `<!doctype html><title>v${i}</title>\n`);
    outs = (await provider.update("id", outs, inputs({ keepDeployments: 10 }))).outs;
  }
  await provider.delete("id", outs);
  expect(pages.deployments.map((d) => d.id)).toEqual([outs.deploymentId]);
  const remove = await fetch(`${apiBaseUrl}/accounts/${accountId}/pages/projects/${projectName}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
  expect(remove.status).toBe(200);
});

test("refresh sees a deployment rolled back out of band, and the next up deploys again", async () => {
  const { outs } = await provider.create(inputs());
  pages.projects.get(projectName)!.canonical = undefined;
  const read = await provider.read!(outs.deploymentId, outs);
  expect(read.props).toMatchObject({ live: false });
  expect(await provider.diff("id", read.props as typeof outs, inputs())).toMatchObject({ changes: true });
});

test("refresh of a deleted project drops the deployment from the state", async () => {
  const { outs } = await provider.create(inputs());
  pages.projects.delete(projectName);
  expect((await provider.read!(outs.deploymentId, outs)).id).toBe("");
});

test("check refuses inputs Cloudflare would refuse, before anything is sent", async () => {
  const bad = inputs({ compatibilityDate: "20 April", bindings: [...services, ...services], keepDeployments: 0 });
  const { failures } = await provider.check!(inputs(), bad);
  expect(failures!.map((f) => f.property).sort()).toEqual(["bindings", "compatibilityDate", "keepDeployments"]);
  expect(fake.requests).toEqual([]);
  expect((await provider.check!(inputs(), inputs())).failures).toEqual([]);
});
