import { expect, test } from "vitest";

import { ofType, runProgram, SECRETS, type Registered } from "../helpers/run-program";
import { isSecretWrapper, plainOccurrences, unwrap } from "../helpers/secret-walk";

const staging = await runProgram({ stack: "staging" });
const copy = await runProgram({ stack: "staging-pr42" });

/** Every name Cloudflare sees: scripts, KV titles, D1 and Pages project names. */
function cloudflareNames(resources: Registered[]): string[] {
  return resources.flatMap((r) => {
    if (r.type.endsWith(":WorkersScript")) return [r.inputs.scriptName];
    if (r.type.endsWith(":WorkersKvNamespace")) return [r.inputs.title];
    if (r.type.endsWith(":D1Database") || r.type.endsWith(":PagesProject")) return [r.inputs.name];
    return [];
  });
}

test("every Cloudflare-side name carries project and stack, and two stacks share none", () => {
  const a = cloudflareNames(staging.resources);
  const b = cloudflareNames(copy.resources);
  expect(a.length).toBeGreaterThanOrEqual(6); // session, user, example, KV, D1, Pages
  for (const name of a) expect(name).toMatch(/^workers-users-staging-(?!pr42)/);
  for (const name of b) expect(name).toMatch(/^workers-users-staging-pr42-/);
  expect(a.filter((name) => b.includes(name))).toEqual([]);
  expect(a).toContain("workers-users-staging-session");
});

test("the session Worker has no public entry: no workers.dev URL, no preview URL, no route, no domain", () => {
  const session = staging.resources.find((r) => r.name === "session-script")!;
  const name = session.inputs.scriptName;
  const subdomains = ofType(staging.resources, ":WorkersScriptSubdomain").filter((r) => r.inputs.scriptName === name);
  expect(subdomains.map((r) => r.inputs)).toEqual([expect.objectContaining({ enabled: false, previewsEnabled: false })]);
  expect(staging.resources.filter((r) => /Route|CustomDomain|WorkerDomain/.test(r.type))).toEqual([]);
  // Only its own resources and the service bindings of the Workers that read sessions mention it.
  const mentions = staging.resources.filter((r) => JSON.stringify(unwrap(r.inputs)).includes(`"${name}"`)).map((r) => r.name);
  expect(mentions.sort()).toEqual(["example-script", "session-script", "session-subdomain", "user-script"]);
  const binding = (unwrap(staging.resources.find((r) => r.name === "user-script")!.inputs.bindings) as any[]).find((b) => b.service === name);
  expect(binding).toEqual({ type: "service", name: "SESSION", service: name, entrypoint: "SessionService" });
});

test("the passkey Worker has no public entry and no binding; only the user Worker's PASSKEYS binding reaches it", () => {
  const passkeys = staging.resources.find((r) => r.name === "passkeys-script")!;
  const name = passkeys.inputs.scriptName;
  expect(name).toBe("workers-users-staging-passkeys");
  expect(passkeys.inputs.bindings).toBeUndefined();
  const subdomains = ofType(staging.resources, ":WorkersScriptSubdomain").filter((r) => r.inputs.scriptName === name);
  expect(subdomains.map((r) => r.inputs)).toEqual([expect.objectContaining({ enabled: false, previewsEnabled: false })]);
  const mentions = staging.resources.filter((r) => JSON.stringify(unwrap(r.inputs)).includes(`"${name}"`)).map((r) => r.name);
  expect(mentions.sort()).toEqual(["passkeys-script", "passkeys-subdomain", "user-script"]);
  const binding = (unwrap(staging.resources.find((r) => r.name === "user-script")!.inputs.bindings) as any[]).find((b) => b.service === name);
  expect(binding).toEqual({ type: "service", name: "PASSKEYS", service: name, entrypoint: "PasskeyService" });
});

test("the user Worker is reached only through the site: workers.dev and preview URLs off", () => {
  const sub = staging.resources.find((r) => r.name === "user-subdomain")!;
  expect(sub.inputs).toMatchObject({ scriptName: "workers-users-staging-user", enabled: false, previewsEnabled: false });
});

test("secrets are secret in every resource input, and absent from the stack outputs", () => {
  for (const secret of Object.values(SECRETS)) {
    for (const r of staging.resources) expect(plainOccurrences(r.inputs, secret), `${r.name} exposes a secret`).toEqual([]);
    expect(JSON.stringify(staging.outputs)).not.toContain(secret);
  }
  const user = staging.resources.find((r) => r.name === "user-script")!;
  expect(isSecretWrapper(user.inputs.bindings)).toBe(true);
  expect(unwrap(user.inputs.bindings)).toContainEqual({ type: "secret_text", name: "RESEND_API_KEY", text: SECRETS.resendApiKey });
  expect(unwrap(user.inputs.bindings)).toContainEqual({ type: "secret_text", name: "TOKEN_SIGNING_KEYS", text: expect.stringContaining(SECRETS.signingKey) });
  expect(unwrap(user.inputs.bindings)).toContainEqual({ type: "secret_text", name: "MFA_ENCRYPTION_KEY", text: SECRETS.mfaKey });
  const keys = staging.resources.find((r) => r.type.endsWith(":SigningKeys"))!;
  expect(keys.options.additionalSecretOutputs).toEqual(["keys"]);
  const mfaKey = staging.resources.find((r) => r.type.endsWith(":MfaEncryptionKey"))!;
  expect(mfaKey.options.additionalSecretOutputs).toEqual(["key"]);
  const callingCloudflare = staging.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic") && r !== keys && r !== mfaKey);
  expect(callingCloudflare.length).toBeGreaterThan(0);
  for (const dynamic of callingCloudflare) {
    expect(isSecretWrapper(dynamic.inputs.apiToken)).toBe(true);
    expect(unwrap(dynamic.inputs.apiToken)).toBe(SECRETS.apiToken);
    // The providers keep the token in their state for refresh and destroy: secret there too.
    expect(dynamic.options.additionalSecretOutputs, dynamic.name).toEqual(["apiToken"]);
  }
});

test("the user Worker gets the stack's environment, site URL, email settings and admins", () => {
  const bindings = unwrap(staging.resources.find((r) => r.name === "user-script")!.inputs.bindings) as any[];
  const text = (name: string) => bindings.find((b) => b.name === name)?.text;
  expect(text("ENVIRONMENT")).toBe("staging");
  expect(text("APP_URL")).toBe("https://workers-users-staging-site-x1y.pages.dev");
  expect(text("EMAIL_PROVIDER")).toBe("resend");
  expect(text("EMAIL_FROM")).toBe("App <no-reply@example.com>");
  expect(text("ADMIN_EMAILS")).toBe("admin@example.com,ops@example.com");
});

test("the outputs give the site URL, the resource ids and the commands to open the app", () => {
  expect(staging.outputs).toMatchObject({
    siteUrl: "https://workers-users-staging-site-x1y.pages.dev",
    resources: {
      d1DatabaseName: "workers-users-staging-db",
      d1DatabaseId: "uuid-database-d1",
      kvNamespaceIds: { SESSIONS: "session-sessions-kv-id" },
      sessionWorker: "workers-users-staging-session",
      userWorker: "workers-users-staging-user",
      pagesProject: "workers-users-staging-site",
    },
    commands: { openLinux: "xdg-open https://workers-users-staging-site-x1y.pages.dev" },
  });
  expect(staging.outputs.commands.listMigrations).toContain("wrangler d1 execute workers-users-staging-db --remote");
});
