import { execFile } from "node:child_process";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudflareFake } from "./fakes/cloudflare-fake";
import { addD1 } from "./fakes/d1-fake";
import { PagesFake } from "./fakes/pages-fake";
import { fixtureBuild } from "./helpers/fixture-build";
import { ROOT } from "./helpers/run-program";

// `pulumi up` runs the program under tsx and keeps each dynamic provider as serialized
// closure text; the provider host (plain Node, no tsx) loads that text with
// require-from-string. The child process serializes; this process loads the text
// the host's way, from the SDK's own copy of require-from-string, and runs it.
const hostRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/cmd/dynamic-provider"));
const requireFromString = hostRequire("require-from-string") as (code: string) => { handler: () => any };
const token = "serialized-token";
const fake = new CloudflareFake();
const db = addD1(fake, { accountId: "c".repeat(32), databaseId: "db-1", token });
const pages = new PagesFake(fake, { accountId: "c".repeat(32), projectName: "site-1", token });
let apiBaseUrl = "";
let child: { root: string; providers: Record<string, { __provider: string } & Record<string, unknown>>; program: { types: string[]; serializedProviders: number } };

beforeAll(async () => {
  apiBaseUrl = await fake.start();
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "infra/test/serialized/run-serialized.ts"], {
    cwd: ROOT,
    // A child Node loading Pulumi: seconds alone, far more while the Worker suites share the cores.
    timeout: 90_000,
    env: { ...process.env, SITE_DIR: fixtureBuild().site.dir },
  });
  child = JSON.parse(stdout.trim().split("\n").at(-1)!);
}, 95_000);
afterAll(() => fake.stop());

describe.each(["migrations", "content"])("the serialized %s provider", (name) => {
  const load = () => {
    const { __provider: code, ...inputs } = child.providers[name]!;
    // A tiny polling delay: the fake's deployments go live after two checks.
    const poll = { attempts: 5, baseDelayMs: 1, maxDelayMs: 5 };
    return { code, inputs: { ...inputs, apiBaseUrl, apiToken: token, poll }, provider: requireFromString(code).handler() };
  };

  test("checks, creates, reads and diffs from its text against the API, then sees no change", async () => {
    const { provider, inputs } = load();
    expect((await provider.check({}, inputs)).failures).toEqual([]);
    const created = await provider.create(inputs);
    const read = await provider.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(await provider.diff(created.id, read.props, inputs)).toMatchObject({ changes: false });
  });

  test("reports the API's error with its message", async () => {
    const { provider, inputs } = load();
    await expect(provider.create({ ...inputs, apiToken: "wrong" })).rejects.toThrow(/403 \[10000\] Authentication error/);
  });

  test("holds no path of this machine, so another machine sees the same provider", () => {
    expect(load().code).not.toContain(child.root);
  });
});

describe("the serialized signing keys provider", () => {
  const load = () => {
    const { __provider: code, ...inputs } = child.providers.keys!;
    return { code, inputs, provider: requireFromString(code).handler() };
  };

  test("makes an Ed25519 key that signs, and rotates to a new one keeping the old public half", async () => {
    const { provider, inputs } = load();
    expect((await provider.check({}, inputs)).failures).toEqual([]);
    expect((await provider.check({}, { generation: 0 })).failures).toHaveLength(1);
    const created = await provider.create(inputs);
    const first = JSON.parse(created.outs.keys);
    const key = createPrivateKey({ key: first.current.privateJwk, format: "jwk" });
    const signature = sign(null, Buffer.from("token"), key);
    expect(verify(null, Buffer.from("token"), createPublicKey(key), signature)).toBe(true);
    expect(await provider.diff(created.id, created.outs, { generation: 1 })).toMatchObject({ changes: false });
    expect(await provider.diff(created.id, created.outs, { generation: 2 })).toMatchObject({ changes: true, replaces: [] });
    const rotated = JSON.parse((await provider.update(created.id, created.outs, { generation: 2 })).outs.keys);
    expect(rotated.current.kid).not.toBe(first.current.kid);
    expect(rotated.previous).toEqual({ kid: first.current.kid, publicJwk: { kty: "OKP", crv: "Ed25519", x: first.current.privateJwk.x }, retiredAt: expect.any(Number) });
    await expect(provider.update(created.id, { ...created.outs, generation: 2 }, { generation: 1 })).rejects.toThrow(/never lower it/);
  });
});

describe("the serialized MFA key provider", () => {
  test("makes a 32-byte key once and never changes it", async () => {
    const { __provider: code, ...inputs } = child.providers["mfa-key"]!;
    const provider = requireFromString(code).handler();
    const created = await provider.create(inputs);
    expect(Buffer.from(created.outs.key, "base64")).toHaveLength(32);
    expect((await provider.create(inputs)).outs.key).not.toBe(created.outs.key);
    expect(await provider.diff(created.id, created.outs, inputs)).toMatchObject({ changes: false });
    expect((await provider.update(created.id, created.outs, inputs)).outs).toEqual(created.outs);
  });
});

test("what the serialized providers did is in D1 and Pages", () => {
  expect((db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name)).toEqual(
    readdirSync(join(ROOT, "migrations")).filter((f) => f.endsWith(".sql")).sort(),
  );
  expect(pages.deployments).toHaveLength(1);
});

test("the whole program loads and runs under tsx with the real providers serialized in it", () => {
  const count = (suffix: string) => child.program.types.filter((t) => t.endsWith(suffix)).length;
  expect(child.program.serializedProviders).toBe(4);
  for (const kind of [":D1Database", ":WorkersKvNamespace", ":PagesProject"]) expect(count(kind), kind).toBe(1);
  expect(count(":WorkersScript")).toBeGreaterThanOrEqual(3); // session, user, example
  expect(count(":WorkersScriptSubdomain")).toBe(count(":WorkersScript"));
});
