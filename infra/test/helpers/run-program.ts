import * as pulumi from "@pulumi/pulumi";
import { fileURLToPath } from "node:url";
import main from "../../index";
import { fixtureBuild } from "./fixture-build";
import { ACCOUNT_ID, MOCK_MFA_KEY, MOCK_SIGNING_KEYS, SECRETS } from "./stack-constants";
import { optionsOf, recordOptions, type SentOptions } from "./resource-options";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export { ACCOUNT_ID, SECRETS } from "./stack-constants";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  /** Order in which the engine saw the registration. */
  seq: number;
  options: SentOptions;
}

export interface RunOptions {
  stack?: string;
  /** Stack config on top of a valid default; `undefined` removes a key. */
  config?: Record<string, string | undefined>;
  /** More config keys that are secrets (`pulumi config set --secret`). */
  secretKeys?: string[];
  /** Milliseconds the mock engine takes to create resources of a type, or one resource by name. */
  delays?: Record<string, number>;
  root?: string;
}

/** Fake outputs a real provider would compute. */
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  if (type === "cloudflare:index/d1Database:D1Database") return { uuid: `uuid-${name}` };
  if (type === "cloudflare:index/pagesProject:PagesProject") return { subdomain: `${inputs.name}-x1y.pages.dev` };
  if (type === "cloudflare:index/queue:Queue") return { queueId: `${name}-id` };
  if (type.endsWith(":D1Migrations")) return { recorded: inputs.migrations.map((m: { name: string }) => m.name) };
  if (type.endsWith(":PagesDeployment")) return { deploymentId: "dep-1", url: `https://dep-1.${inputs.projectName}.pages.dev` };
  if (type.endsWith(":SigningKeys")) return { keys: MOCK_SIGNING_KEYS };
  if (type.endsWith(":MfaEncryptionKey")) return { key: MOCK_MFA_KEY };
  return {};
}

/** Runs the whole program against Pulumi's mock engine and reports every resource registered. */
export async function runProgram(options: RunOptions = {}) {
  const stack = options.stack ?? "staging";
  const resources: Registered[] = [];
  const config: Record<string, string | undefined> = {
    "cloudflare:apiToken": SECRETS.apiToken,
    "workers-users:accountId": ACCOUNT_ID,
    "workers-users:resendApiKey": SECRETS.resendApiKey,
    "workers-users:emailFrom": "App <no-reply@example.com>",
    "workers-users:adminEmails": "Admin@Example.com, ops@example.com",
    ...options.config,
  };
  const present = Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => e[1] !== undefined));
  pulumi.runtime.setAllConfig(present, ["cloudflare:apiToken", "workers-users:resendApiKey", ...(options.secretKeys ?? [])]);
  recordOptions();
  await pulumi.runtime.setMocks(
    {
      async newResource({ type, name, inputs }) {
        const delay = options.delays?.[type] ?? options.delays?.[name] ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        resources.push({ type, name, inputs, seq: resources.length, options: optionsOf(type, name) });
        return { id: `${name}-id`, state: { ...inputs, ...computed(type, name, inputs) } };
      },
      call: () => ({}),
    },
    "workers-users",
    stack,
    false,
  );
  try {
    const outputs = await main({ root: options.root ?? ROOT, build: async () => fixtureBuild() });
    const resolved = await settle(pulumi.output(outputs));
    return { resources, outputs: resolved, raw: outputs };
  } finally {
    // Let this run's last registrations reach its mock engine before the next run replaces it.
    // A run that failed half-way may leave some waiting forever: give up on those after a second.
    await Promise.race([pulumi.runtime.disconnect(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
}

export function settle<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

export function ofType(resources: Registered[], suffix: string): Registered[] {
  return resources.filter((r) => r.type.endsWith(suffix));
}
