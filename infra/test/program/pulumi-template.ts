import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

import { SECRET_CONFIG_KEYS } from "../../secrets";
import { ROOT, runProgram } from "../helpers/run-program";

// The YAML parser the Pulumi SDK itself depends on.
const yaml = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"))("js-yaml") as { load(text: string): any };
const project = yaml.load(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
const prompts = project.template.config as Record<string, { description?: string; secret?: boolean; default?: string }>;
/** `pulumi new` takes a key without a namespace as the project's own. */
const qualified = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
const sample: Record<string, string> = {
  "workers-users:accountId": "0123456789abcdef0123456789abcdef",
  "cloudflare:apiToken": "cf-token",
  "workers-users:resendApiKey": "re_key",
  "workers-users:emailFrom": "App <no-reply@example.com>",
  "workers-users:adminEmails": "you@example.com",
};
const answers = Object.fromEntries(Object.keys(prompts).map((key) => [qualified(key), sample[qualified(key)]]));
const unset = { "cloudflare:apiToken": undefined, "workers-users:accountId": undefined, "workers-users:resendApiKey": undefined, "workers-users:emailFrom": undefined, "workers-users:adminEmails": undefined };
const token = process.env.CLOUDFLARE_API_TOKEN;
// The token of the shell that runs the tests must not stand in for the one the template asks for.
describe("the Pulumi template (`pulumi new`)", () => {
  beforeAll(() => void delete process.env.CLOUDFLARE_API_TOKEN);
  afterAll(() => void (token !== undefined && (process.env.CLOUDFLARE_API_TOKEN = token)));

  test("the template's answers alone make a stack that deploys, and every key it asks for is read by the program", async () => {
    const read = new Set<string>();
    const getImpl = (pulumi.Config.prototype as any).getImpl;
    const spy = vi.spyOn(pulumi.Config.prototype as any, "getImpl").mockImplementation(function (this: pulumi.Config, key: unknown, ...rest: unknown[]) {
      read.add(`${this.name}:${String(key)}`);
      return getImpl.call(this, key, ...rest);
    });
    try {
      const { resources } = await runProgram({ stack: "dev", config: { ...unset, ...answers } });
      expect(resources.length).toBeGreaterThan(10);
    } finally {
      spy.mockRestore();
    }
    expect(Object.keys(answers).filter((key) => !read.has(key))).toEqual([]);
  });

  test("every setting the program requires is asked for; the rest it reads have defaults", async () => {
    for (const key of Object.keys(answers).filter((k) => prompts[k.replace(`${project.name}:`, "")]?.default === undefined)) {
      const name = key.replace(`${project.name}:`, "");
      await expect(runProgram({ stack: "dev", config: { ...unset, ...answers, [key]: undefined } }), key).rejects.toThrow(name);
    }
  });

  test("the API token and the Resend key are asked for as secrets, and nothing else is", () => {
    const secrets = Object.keys(prompts).filter((key) => prompts[key]!.secret).map(qualified).sort();
    const programSecrets = ["cloudflare:apiToken", ...Object.values(SECRET_CONFIG_KEYS).flatMap((keys) => Object.values(keys)).map(qualified)].sort();
    expect(secrets).toEqual(programSecrets);
    for (const [key, prompt] of Object.entries(prompts)) expect(prompt.description, key).toMatch(/\w{3,}/);
  });
});
