import { afterAll, expect, inject, test, vi } from "vitest";

vi.mock("../../providers/d1-migrations-provider", async () => (await import("../helpers/stub-providers")).stubD1);
vi.mock("../../providers/pages-deployment-provider", async () => (await import("../helpers/stub-providers")).stubPages);

import type * as real from "../../providers/pages-deployment-provider";
import { AccountFake } from "../fakes/account-fake";
import { ofType, runProgram } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";
import { KEPT } from "./kept-differences";
import { STAGING } from "./stack-configs";

const { pagesDeploymentProvider } = await vi.importActual<typeof real>("../../providers/pages-deployment-provider");
const capture = inject("wranglerCapture").pages;

// The program's inputs for the site's content, deployed by the real provider against a fresh fake.
const program = await runProgram({ stack: "staging" });
const account = new AccountFake(STAGING.accountId, STAGING.token, { strict: false });
account.pages.createProject(STAGING.projectName, "main");
account.pages.pollsUntilDone = 1;
const { __provider: _stub, ...inputs } = unwrap(ofType(program.resources, ":PagesDeployment")[0]!.inputs);
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
await pagesDeploymentProvider.create({ ...inputs, apiBaseUrl: await account.start(), apiToken: STAGING.token, poll: fast, retry: fast });
afterAll(() => account.stop());

const ours = account.pages.deployments[0]!;
const oursRequests = account.http.requests.filter((r) => r.path.includes("/pages/")).map((r) => `${r.method} ${r.path}${r.query}`);
const bodies = (suffix: string) =>
  account.http.requests.filter((r) => r.path.endsWith(suffix)).map((r) => JSON.parse(r.body.toString("utf8")));

/** Each call by what it does, repeats folded: the sequence of steps. */
function steps(lines: string[]): string[] {
  const named = lines.map((line) => {
    const [method, path] = line.split(" ") as [string, string];
    const step = /\/pages\/assets\/([a-z-]+)/.exec(path)?.[1] ?? /\/(upload-token|deployments(\/[^/?]+)?)(\?|$)/.exec(path)?.[1]?.replace(/\/[^/]+$/, "/:id") ?? "project";
    return `${method} ${step}`;
  });
  return named.filter((s, i) => s !== named[i - 1]);
}

const CORE = ["GET upload-token", "POST check-missing", "POST upload", "POST upsert-hashes", "POST deployments", "GET deployments/:id"];

test("the upload goes through the same steps in the same order as wrangler pages deploy", () => {
  expect(steps(capture.requests)).toEqual([...KEPT.pagesWranglerOnly, ...CORE]);
  expect(steps(oursRequests)).toEqual([...CORE, ...KEPT.pagesProgramOnly]);
});

test("the asset calls carry the same hashes and the same files, byte for byte", () => {
  const byKey = (uploads: { key: string }[][]) => uploads.flat().sort((a, b) => a.key.localeCompare(b.key));
  expect(bodies("/check-missing").map((b) => [...b.hashes].sort())).toEqual(capture.bodies["check-missing"]!.map((b: any) => [...b.hashes].sort()));
  expect(byKey(bodies("/upload"))).toEqual(byKey(capture.bodies.upload as { key: string }[][]));
  expect(bodies("/upsert-hashes").map((b) => [...b.hashes].sort())).toEqual(capture.bodies["upsert-hashes"]!.map((b: any) => [...b.hashes].sort()));
});

test("the deployment has the same parts in the same order, the same manifest and special files", () => {
  expect(ours.order).toEqual(capture.form.order);
  expect(ours.branch).toBe(capture.form.branch);
  expect(ours.manifest).toEqual(capture.form.manifest);
  expect(ours.files).toEqual(capture.form.files);
});

test("the gateway's bundle carries the same metadata (bindings, compatibility settings) and code", () => {
  expect(ours.workerMetadata).toEqual(capture.form.workerMetadata);
  expect(ours.workerCode).toBe(capture.form.workerCode);
});

test("the config marks match, except the hash of what each side hashes", () => {
  const differing = Object.keys({ ...capture.form.fields, ...ours.fields }).filter((k) => capture.form.fields[k] !== ours.fields[k]);
  expect(differing).toEqual(KEPT.pagesFieldsDiffering);
  for (const fields of [ours.fields, capture.form.fields]) expect(fields.wrangler_config_hash).toMatch(/^[0-9a-f]{64}$/);
});
