import { readFileSync, writeFileSync } from "node:fs";
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
const retry = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
const poll = { attempts: 5, baseDelayMs: 1, maxDelayMs: 5 };

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

function inputs(): PagesDeploymentInputs {
  const site = readSiteManifest(siteDir);
  const { directory, assets, specialFiles, workerSha256, contentHash } = site;
  return {
    accountId, projectName, branch: "main", directory, assets, specialFiles, workerSha256, contentHash,
    compatibilityDate: "2026-04-20", compatibilityFlags: [], bindings: [], buildOutputDir: "dist", keepDeployments: 10,
    apiToken: token, apiBaseUrl, retry, poll,
  };
}

test("a first deployment uploads every file and publishes a manifest of them with the gateway", async () => {
  const { id, outs } = await provider.create(inputs());
  const [deployment] = pages.deployments;
  expect(outs).toMatchObject({ deploymentId: id, url: deployment!.url, contentHash: inputs().contentHash });
  expect(Object.keys(deployment!.manifest).sort()).toEqual(["/assets/login.js", "/index.html", "/login.html"]);
  for (const [path, hash] of Object.entries(deployment!.manifest)) {
    expect(pages.assets.get(hash)!.bytes.equals(readFileSync(join(siteDir, path)))).toBe(true);
  }
  expect(pages.assets.get(deployment!.manifest["/index.html"]!)!.contentType).toBe("text/html");
  expect(deployment).toMatchObject({ branch: "main", files: { _headers: readFileSync(join(siteDir, "_headers"), "utf8") } });
  expect(deployment!.workerMetadata).toEqual({ main_module: "_worker.js", bindings: [], compatibility_date: "2026-04-20", compatibility_flags: [] });
  expect(deployment!.workerCode).toBe(readFileSync(join(siteDir, "_worker.js"), "utf8"));
});

test("unchanged content is no change; one changed page is one upload and a new deployment", async () => {
  const { outs } = await provider.create(inputs());
  expect(await provider.diff("id", outs, inputs())).toMatchObject({ changes: false });
  writeFileSync(join(siteDir, "login.html"), "<!doctype html><title>sign in</title>\n");
  expect(await provider.diff("id", outs, inputs())).toMatchObject({ changes: true, replaces: [] });
  const uploadsBefore = pages.assets.size;
  const { outs: next } = await provider.update("id", outs, inputs());
  expect(pages.assets.size).toBe(uploadsBefore + 1);
  expect(pages.deployments).toHaveLength(2);
  expect(next.deploymentId).not.toBe(outs.deploymentId);
});

test("a changed gateway alone is a change too", async () => {
  const before = inputs().contentHash;
  writeFileSync(join(siteDir, "_worker.js"), "export default { fetch() { return new Response('v2'); } };\n");
  expect(inputs().contentHash).not.toBe(before);
});

test("a file changed between the program's read and the upload stops the deployment", async () => {
  const stale = inputs();
  writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>changed</title>\n");
  await expect(provider.create(stale)).rejects.toThrow(/index\.html changed after the program read it/);
  expect(pages.deployments).toEqual([]);
});

test("an expired upload token is renewed once and the upload goes on", async () => {
  pages.jwtUses = 1;
  await provider.create(inputs());
  expect(pages.deployments).toHaveLength(1);
  expect(fake.requests.filter((r) => r.path.endsWith("/upload-token"))).toHaveLength(3);
});

test("transient failures are retried; an API error envelope fails with the API's code and message", async () => {
  fake.failNext(1, 503);
  fake.failNext(1, 429);
  await provider.create(inputs());
  expect(pages.deployments).toHaveLength(1);
  const wrong = provider.create({ ...inputs(), projectName: "no-such-project" });
  await expect(wrong).rejects.toThrow(/404 \[8000007\] Project not found/);
});

test("another project or account is a replacement", async () => {
  const { outs } = await provider.create(inputs());
  expect(await provider.diff("id", outs, { ...inputs(), projectName: "other" })).toEqual({ changes: true, replaces: ["projectName"] });
});
