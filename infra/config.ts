import * as pulumi from "@pulumi/pulumi";
import { readOAuthConfig, type OAuthConfig } from "./oauth-config";
import { SECRET_CONFIG_KEYS } from "./secrets";

export type EmailProvider = "resend" | "outbox";

/** Everything the program reads from stack config, read once, validated, typed. */
export interface StackConfig {
  project: string;
  stack: string;
  accountId: string;
  apiToken: pulumi.Output<string>;
  /** The Cloudflare API the dynamic providers call (tests point it at a loopback fake). */
  apiBaseUrl: string;
  adminEmails: string[];
  emailProvider: EmailProvider;
  emailFrom: string | undefined;
  /** Secret binding values per Worker folder, only those that are set. */
  secrets: Record<string, Record<string, pulumi.Output<string>>>;
  customDomain: { name: string; zoneId: string | undefined } | undefined;
  /** `/api/*` on the custom domain runs the user Worker through a Workers route, without the Pages hop. */
  apiRoute: boolean;
  d1LocationHint: string | undefined;
  /** D1 and KV refuse deletion and replacement (Pulumi's `protect`); on by default for production stacks. */
  protect: boolean;
  /** Per-stack values for vars declared in a wrangler.jsonc. */
  vars: Record<string, string>;
  /** A key of one's own for TOTP secrets (`pulumi config set --secret mfaEncryptionKey`); the program makes one otherwise. */
  mfaEncryptionKey: pulumi.Output<string> | undefined;
  /** Raise by one to rotate the token signing keys (see docs/tokens.md). */
  tokenKeyGeneration: number;
  /** Social sign-in providers: the user Worker's OAUTH_PROVIDERS and their secret bindings. */
  oauth: OAuthConfig;
}

export const DEFAULT_API_BASE_URL = "https://api.cloudflare.com/client/v4";
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
/** Stacks named like this hold real users' data: `prod`, `production`, `prod-eu`, ... */
const PRODUCTION_STACK = /^prod(uction)?($|[-_.])/;
const API_ROUTE_NEEDS = { customDomain: "<hostname>", customDomainZoneId: "<zone id>" };
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function readStackConfig(): StackConfig {
  const config = new pulumi.Config();
  const emailProvider = config.get<EmailProvider>("emailProvider", { allowedValues: ["resend", "outbox"] }) ?? "resend";
  const secrets = Object.fromEntries(Object.entries(SECRET_CONFIG_KEYS).map(([unit, keys]) => [unit, readSecrets(config, keys)]));
  const emailFrom = config.get("emailFrom");
  if (emailProvider === "resend") {
    if (!secrets.user?.RESEND_API_KEY) fail("emailProvider is resend: set the key with `pulumi config set --secret resendApiKey <key>`");
    if (!emailFrom) fail(`emailProvider is resend: set a sender on a verified domain with \`pulumi config set emailFrom "App <no-reply@example.com>"\``);
  }
  return {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    accountId: config.require("accountId", { pattern: /^[0-9a-f]{32}$/ }),
    apiToken: readApiToken(),
    apiBaseUrl: config.get("apiBaseUrl") ?? DEFAULT_API_BASE_URL,
    adminEmails: readAdminEmails(config.get("adminEmails") ?? ""),
    emailProvider,
    emailFrom,
    secrets,
    customDomain: readCustomDomain(config),
    apiRoute: readApiRoute(config),
    d1LocationHint: config.get("d1LocationHint", { allowedValues: ["wnam", "enam", "weur", "eeur", "apac", "oc"] }),
    protect: readProtect(config.get("protect"), pulumi.getStack()),
    vars: readVars(config.getObject<Record<string, unknown>>("vars") ?? {}),
    tokenKeyGeneration: config.getNumber("tokenKeyGeneration", { min: 1 }) ?? 1,
    mfaEncryptionKey: config.getSecret("mfaEncryptionKey"),
    oauth: readOAuthConfig(config),
  };
}

function readApiToken(): pulumi.Output<string> {
  const fromConfig = new pulumi.Config("cloudflare").getSecret("apiToken");
  if (fromConfig) return fromConfig;
  const fromEnv = process.env.CLOUDFLARE_API_TOKEN;
  if (fromEnv) return pulumi.secret(fromEnv);
  return fail("set the Cloudflare API token with `pulumi config set --secret cloudflare:apiToken <token>`");
}

function readSecrets(config: pulumi.Config, keys: Record<string, string>): Record<string, pulumi.Output<string>> {
  const values: Record<string, pulumi.Output<string>> = {};
  for (const [binding, key] of Object.entries(keys)) {
    const value = config.getSecret(key);
    if (value) values[binding] = value;
  }
  return values;
}

function readAdminEmails(list: string): string[] {
  const emails = list.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
  const bad = emails.find((e) => !EMAIL.test(e));
  if (bad !== undefined) fail(`adminEmails: "${bad}" is not an email address (use a comma-separated list)`);
  return emails;
}

function readCustomDomain(config: pulumi.Config): StackConfig["customDomain"] {
  const name = config.get("customDomain")?.toLowerCase();
  if (name === undefined) return undefined;
  if (!HOSTNAME.test(name)) fail(`customDomain: "${name}" is not a hostname`);
  return { name, zoneId: config.get("customDomainZoneId", { pattern: /^[0-9a-f]{32}$/ }) };
}

function readApiRoute(config: pulumi.Config): boolean {
  const apiRoute = config.getBoolean("apiRoute") ?? false;
  // A Workers route matches a hostname on a zone: the custom domain and its zone.
  const missing = Object.entries(API_ROUTE_NEEDS).filter(([key]) => config.get(key) === undefined);
  if (apiRoute && missing.length > 0) {
    fail(`apiRoute needs ${missing.map(([key]) => key).join(" and ")}: ${missing.map(([key, value]) => `\`pulumi config set ${key} ${value}\``).join(", ")}`);
  }
  return apiRoute;
}

/** Whether a stack holds real users' data by its name alone (`prod`, `production`, `prod-eu`). */
export function protectedByDefault(stack: string): boolean {
  return PRODUCTION_STACK.test(stack);
}

function readProtect(value: string | undefined, stack: string): boolean {
  if (value === undefined) return protectedByDefault(stack);
  if (value !== "true" && value !== "false") fail(`protect: "${value}" is neither true nor false`);
  return value === "true";
}

function readVars(vars: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(vars).map(([name, value]) => {
      if (typeof value === "object" && value !== null) fail(`vars.${name} must be a string, number or boolean`);
      return [name, String(value)];
    }),
  );
}

function fail(message: string): never {
  throw new Error(`stack config: ${message}`);
}
