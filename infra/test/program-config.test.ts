import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test, vi } from "vitest";

vi.mock("../providers/d1-migrations-provider", async () => (await import("./helpers/stub-providers")).stubD1);
vi.mock("../providers/pages-deployment-provider", async () => (await import("./helpers/stub-providers")).stubPages);

import { readOAuthConfig } from "../oauth-config";
import { optionsOf } from "./helpers/resource-options";
import { ofType, runProgram } from "./helpers/run-program";
import { plainOccurrences, unwrap } from "./helpers/secret-walk";

const userBindings = (resources: Awaited<ReturnType<typeof runProgram>>["resources"]) =>
  unwrap(resources.find((r) => r.name === "user-script")!.inputs.bindings) as { name: string; type: string; text?: string }[];

test("a custom domain gets a Pages domain, a proxied CNAME, and becomes the app's URL", async () => {
  const { resources, outputs } = await runProgram({
    config: { "workers-users:customDomain": "app.example.com", "workers-users:customDomainZoneId": "f".repeat(32) },
  });
  expect(ofType(resources, ":PagesDomain")[0]!.inputs).toMatchObject({ name: "app.example.com", projectName: "workers-users-staging-site" });
  expect(ofType(resources, ":DnsRecord")[0]!.inputs).toMatchObject({
    zoneId: "f".repeat(32),
    name: "app.example.com",
    type: "CNAME",
    content: "workers-users-staging-site-x1y.pages.dev",
    proxied: true,
  });
  expect(userBindings(resources).find((b) => b.name === "APP_URL")?.text).toBe("https://app.example.com");
  expect(outputs.siteUrl).toBe("https://app.example.com");
  expect(outputs.pagesDevUrl).toBe("https://workers-users-staging-site-x1y.pages.dev");
});

test("without a custom domain there is no domain and no DNS record", async () => {
  const { resources } = await runProgram();
  expect(ofType(resources, ":PagesDomain")).toEqual([]);
  expect(ofType(resources, ":DnsRecord")).toEqual([]);
});

describe("apiRoute: /api/* on the custom domain runs the user Worker without the Pages hop", () => {
  const domain = { "workers-users:customDomain": "app.example.com", "workers-users:customDomainZoneId": "f".repeat(32) };

  test("off by default: no Workers route", async () => {
    const { resources, outputs } = await runProgram({ config: domain });
    expect(ofType(resources, ":WorkersRoute")).toEqual([]);
    expect(outputs.resources).not.toHaveProperty("apiRoute");
  });

  test("on: one route to the user Worker on the domain's zone, waiting for its script; the site's static files under /api stay with Pages", async () => {
    const { resources, outputs } = await runProgram({ config: { ...domain, "workers-users:apiRoute": "true" } });
    const routes = ofType(resources, ":WorkersRoute");
    const toWorker = routes.filter((r) => r.inputs.script !== undefined);
    expect(toWorker.map((r) => r.inputs)).toEqual([{ zoneId: "f".repeat(32), pattern: "app.example.com/api/*", script: "workers-users-staging-user" }]);
    expect(toWorker[0]!.options.dependencies).toContain(optionsOf("cloudflare:index/workersScript:WorkersScript", "user-script").urn);
    // A more specific route without a Worker: the OpenAPI document is a file of the site.
    expect(routes.filter((r) => r.inputs.script === undefined).map((r) => r.inputs)).toEqual([{ zoneId: "f".repeat(32), pattern: "app.example.com/api/openapi.json*" }]);
    expect(outputs.resources.apiRoute).toBe("app.example.com/api/*");
  });

  test.each([
    ["without a custom domain", { "workers-users:apiRoute": "true" }, /apiRoute needs customDomain and customDomainZoneId: `pulumi config set customDomain <hostname>`, `pulumi config set customDomainZoneId <zone id>`/],
    ["without the domain's zone", { "workers-users:apiRoute": "true", "workers-users:customDomain": "app.example.com" }, /apiRoute needs customDomainZoneId: `pulumi config set customDomainZoneId <zone id>`$/],
    ["that is not a boolean", { ...domain, "workers-users:apiRoute": "yes" }, /apiRoute/],
  ])("refuses apiRoute %s, saying what to set", async (_label, config, message) => {
    await expect(runProgram({ config })).rejects.toThrow(message);
  });
});

test("the outbox provider needs no Resend key and deploys no Resend secret", async () => {
  const { resources } = await runProgram({
    config: { "workers-users:emailProvider": "outbox", "workers-users:resendApiKey": undefined, "workers-users:emailFrom": undefined },
  });
  const bindings = userBindings(resources);
  expect(bindings.find((b) => b.name === "EMAIL_PROVIDER")?.text).toBe("outbox");
  expect(bindings.filter((b) => b.type === "secret_text").map((b) => b.name)).toEqual(["TOKEN_SIGNING_KEYS", "MFA_ENCRYPTION_KEY"]);
});

test("the MFA key: made by the program unless `mfaEncryptionKey` is set", async () => {
  const made = await runProgram();
  expect(made.resources.filter((r) => r.type.endsWith(":MfaEncryptionKey"))).toHaveLength(1);
  const own = btoa("another-32-byte-key-for-this-one");
  const configured = await runProgram({ config: { "workers-users:mfaEncryptionKey": own }, secretKeys: ["workers-users:mfaEncryptionKey"] });
  expect(plainOccurrences(configured.resources.find((r) => r.name === "user-script")!.inputs, own)).toEqual([]);
  expect(configured.resources.filter((r) => r.type.endsWith(":MfaEncryptionKey"))).toEqual([]);
  expect(userBindings(configured.resources)).toContainEqual({ type: "secret_text", name: "MFA_ENCRYPTION_KEY", text: own });
});

test("a D1 location hint reaches the database", async () => {
  const { resources } = await runProgram({ config: { "workers-users:d1LocationHint": "weur" } });
  expect(ofType(resources, ":D1Database")[0]!.inputs.primaryLocationHint).toBe("weur");
});

test.each([
  ["resend without its key", { "workers-users:resendApiKey": undefined }, /pulumi config set --secret resendApiKey/],
  ["resend without a sender", { "workers-users:emailFrom": undefined }, /pulumi config set emailFrom/],
  ["an unknown email provider", { "workers-users:emailProvider": "mailchannels" }, /emailProvider/],
  ["no account id", { "workers-users:accountId": undefined }, /accountId/],
  ["a malformed account id", { "workers-users:accountId": "my-account" }, /accountId/],
  ["no API token", { "cloudflare:apiToken": undefined }, /cloudflare:apiToken/],
  ["an admin list with a non-address", { "workers-users:adminEmails": "ops@example.com, bob" }, /adminEmails: "bob"/],
  ["a var no wrangler.jsonc declares", { "workers-users:vars": '{"SESION_MAX_PER_USER":"5"}' }, /SESION_MAX_PER_USER/],
  ["a var the program sets itself", { "workers-users:vars": '{"APP_URL":"https://x.example"}' }, /vars.APP_URL is set by the program/],
  ["turning per-IP throttling off", { "workers-users:vars": '{"RATE_LIMIT_IP":"off"}' }, /RATE_LIMIT_IP is for the local stack only/],
  ["a custom domain that is not a hostname", { "workers-users:customDomain": "https://app.example.com" }, /customDomain/],
])("refuses %s, saying what to set", async (_label, config, message) => {
  const env = process.env.CLOUDFLARE_API_TOKEN;
  delete process.env.CLOUDFLARE_API_TOKEN;
  try {
    await expect(runProgram({ config })).rejects.toThrow(message);
  } finally {
    if (env !== undefined) process.env.CLOUDFLARE_API_TOKEN = env;
  }
});

test('refuses a stack named "local": that name turns on the dev outbox endpoint', async () => {
  await expect(runProgram({ stack: "local" })).rejects.toThrow(/"local"/);
});

describe("social sign-in providers", () => {
  const oauth = {
    "workers-users:oauthProviders": JSON.stringify({ google: { clientId: "123.apps.googleusercontent.com" }, okta: { issuer: "https://acme.okta.com", clientId: "0oa1", name: "Okta" } }),
    "workers-users:oauthGoogleClientSecret": "GOCSPX-google-secret",
    "workers-users:oauthOktaClientSecret": "okta-secret",
  };
  const secretKeys = ["workers-users:oauthGoogleClientSecret", "workers-users:oauthOktaClientSecret"];

  test("pass each client secret as a secret binding and the plain settings as OAUTH_PROVIDERS", async () => {
    const { resources } = await runProgram({ config: oauth, secretKeys });
    // Secret in Pulumi's state and outputs too: the engine never sees them in plain text.
    for (const resource of resources) expect(plainOccurrences(resource.inputs, "okta-secret"), resource.name).toEqual([]);
    const read = readOAuthConfig(new pulumi.Config("workers-users"));
    expect(await pulumi.isSecret(read.secrets.OAUTH_OKTA_CLIENT_SECRET!)).toBe(true);
    const bindings = userBindings(resources);
    expect(bindings.filter((b) => b.name.startsWith("OAUTH_") && b.type === "secret_text").map((b) => [b.name, b.text])).toEqual([
      ["OAUTH_GOOGLE_CLIENT_SECRET", "GOCSPX-google-secret"],
      ["OAUTH_OKTA_CLIENT_SECRET", "okta-secret"],
    ]);
    const providers = bindings.find((b) => b.name === "OAUTH_PROVIDERS")!;
    expect(providers.type).toBe("plain_text");
    expect(JSON.parse(providers.text!)).toEqual({ google: { clientId: "123.apps.googleusercontent.com" }, okta: { issuer: "https://acme.okta.com", clientId: "0oa1", name: "Okta" } });
    expect(providers.text).not.toContain("secret");
  });

  test("no provider configured means no provider bindings and an empty OAUTH_PROVIDERS: no routes offered", async () => {
    const bindings = userBindings((await runProgram()).resources);
    expect(bindings.filter((b) => /^OAUTH_.*_CLIENT_SECRET$/.test(b.name))).toEqual([]);
    expect(bindings.find((b) => b.name === "OAUTH_PROVIDERS")?.text).toBe("");
  });

  test.each([
    ["a provider without its secret", { ...oauth, "workers-users:oauthOktaClientSecret": undefined }, /pulumi config set --secret oauthOktaClientSecret/],
    ["a secret in the plain settings", { "workers-users:oauthProviders": '{"google":{"clientId":"x","clientSecret":"y"}}' }, /--secret oauthGoogleClientSecret/],
    ["an OIDC provider without an issuer", { "workers-users:oauthProviders": '{"okta":{"clientId":"x"}}' }, /oauthProviders.okta.issuer/],
    ["an issuer that is not https", { "workers-users:oauthProviders": '{"okta":{"clientId":"x","issuer":"http://acme.example"}}' }, /https/],
    ["an id the binding name cannot carry", { "workers-users:oauthProviders": '{"my-idp":{"clientId":"x","issuer":"https://a.example"}}' }, /lower-case letters and digits/],
  ])("refuses %s, saying what to set", async (_label, config, message) => {
    await expect(runProgram({ config, secretKeys })).rejects.toThrow(message);
  });
});
