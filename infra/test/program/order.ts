import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

import { ofType, ROOT, runProgram } from "../helpers/run-program";
import { WASM_BYTES, WASM_NAME } from "../helpers/fixture-build";

// A slow mock engine for one type shows what waits for it: without the dependency,
// the dependant would register while the slow resource is still being created.
test("migrations are applied before either Worker is updated", async () => {
  const { resources } = await runProgram({ delays: { "pulumi-nodejs:dynamic/workers-users:D1Migrations": 300 } });
  const migrations = ofType(resources, ":D1Migrations")[0]!;
  for (const script of ofType(resources, ":WorkersScript")) expect(script.seq).toBeGreaterThan(migrations.seq);
  const files = readdirSync(join(ROOT, "migrations")).filter((f) => f.endsWith(".sql")).sort();
  expect(migrations.inputs.migrations.map((m: { name: string }) => m.name)).toEqual(files);
});

test("the site's content is deployed after the Workers its gateway binds to exist", async () => {
  const { resources } = await runProgram({ delays: { "cloudflare:index/workersScript:WorkersScript": 200 } });
  const content = ofType(resources, ":PagesDeployment")[0]!;
  const bound = ["user-script", "example-script"].map((name) => resources.find((r) => r.name === name)!);
  for (const script of bound) expect(content.seq).toBeGreaterThan(script.seq);
  const services = (content.inputs.bindings as { service?: string }[]).map((b) => b.service);
  expect(services).toEqual(bound.map((s) => s.inputs.scriptName));
});

test("the Workers the user Worker binds exist before it: the session and passkey Workers", async () => {
  const { resources } = await runProgram({ delays: { "session-script": 200, "passkeys-script": 300 } });
  const user = resources.find((r) => r.name === "user-script")!;
  for (const name of ["session-script", "passkeys-script"]) expect(user.seq, name).toBeGreaterThan(resources.find((r) => r.name === name)!.seq);
});

test("the Argon2 .wasm ships as a CompiledWasm module part of the user Worker", async () => {
  const { resources } = await runProgram();
  const user = resources.find((r) => r.name === "user-script")!;
  expect(user.inputs.files).toEqual({
    [WASM_NAME]: { contentBase64: Buffer.from(WASM_BYTES).toString("base64"), contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/), contentType: "application/wasm" },
  });
  expect(user.inputs.content).toContain(`./${WASM_NAME}`);
  expect(resources.find((r) => r.name === "session-script")!.inputs.files).toBeUndefined();
});

test("the site deploys every built file, the gateway as its Worker, on the production branch", async () => {
  const { resources } = await runProgram();
  const content = ofType(resources, ":PagesDeployment")[0]!;
  expect(content.inputs.assets.map((a: { path: string }) => a.path)).toEqual(["assets/login.js", "index.html", "login.html"]);
  expect(content.inputs).toMatchObject({ branch: "main", projectName: "workers-users-staging-site", specialFiles: { _headers: expect.any(String) } });
  expect(content.inputs.workerSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(ofType(resources, ":PagesProject")[0]!.inputs.productionBranch).toBe("main");
});
