import * as pulumi from "@pulumi/pulumi";

/**
 * Social sign-in providers from stack config: `oauthProviders` (plain, e.g. with
 * `pulumi config set --path oauthProviders.google.clientId <id>`) and one secret per provider,
 * `pulumi config set --secret oauth<Id>ClientSecret <secret>`. The user Worker gets the plain
 * settings as its `OAUTH_PROVIDERS` var and each secret as the secret binding
 * `OAUTH_<ID>_CLIENT_SECRET`; with no provider there is no such binding at all.
 */
export interface OAuthConfig {
  /** JSON for the `OAUTH_PROVIDERS` var; "" when no provider is configured. */
  providers: string;
  /** Secret bindings by name. */
  secrets: Record<string, pulumi.Output<string>>;
}

const ID = /^[a-z][a-z0-9]{0,31}$/;
const FIELDS = ["clientId", "issuer", "name", "webUrl", "apiUrl"];

/** `google` → `oauthGoogleClientSecret`. */
export function secretConfigKey(id: string): string {
  return `oauth${id[0]!.toUpperCase()}${id.slice(1)}ClientSecret`;
}

function readOne(config: pulumi.Config, id: string, settings: unknown): [Record<string, string>, pulumi.Output<string>] {
  if (!ID.test(id)) fail(`oauthProviders.${id}: a provider id is lower-case letters and digits, starting with a letter`);
  if (typeof settings !== "object" || settings === null) fail(`oauthProviders.${id} must be an object`);
  const plain: Record<string, string> = {};
  for (const [field, value] of Object.entries(settings)) {
    if (!FIELDS.includes(field)) fail(`oauthProviders.${id}.${field} is unknown (${field === "clientSecret" ? `secrets go in \`pulumi config set --secret ${secretConfigKey(id)}\`` : `use ${FIELDS.join(", ")}`})`);
    if (typeof value !== "string" || value === "") fail(`oauthProviders.${id}.${field} must be a non-empty string`);
    if (field !== "clientId" && field !== "name" && !value.startsWith("https://")) fail(`oauthProviders.${id}.${field} must be an https URL`);
    plain[field] = value;
  }
  if (!plain.clientId) fail(`oauthProviders.${id}: set its client id with \`pulumi config set --path oauthProviders.${id}.clientId <id>\``);
  if (id !== "google" && id !== "github" && !plain.issuer) fail(`oauthProviders.${id}: set its issuer with \`pulumi config set --path oauthProviders.${id}.issuer https://...\``);
  const secret = config.getSecret(secretConfigKey(id));
  if (!secret) fail(`oauthProviders.${id}: set its client secret with \`pulumi config set --secret ${secretConfigKey(id)} <secret>\``);
  return [plain, secret];
}

export function readOAuthConfig(config: pulumi.Config): OAuthConfig {
  const all = config.getObject<Record<string, unknown>>("oauthProviders") ?? {};
  if (typeof all !== "object" || Array.isArray(all)) fail("oauthProviders must be an object of provider id → settings");
  const providers: Record<string, Record<string, string>> = {};
  const secrets: Record<string, pulumi.Output<string>> = {};
  for (const [id, settings] of Object.entries(all)) {
    const [plain, secret] = readOne(config, id, settings);
    providers[id] = plain;
    secrets[`OAUTH_${id.toUpperCase()}_CLIENT_SECRET`] = secret;
  }
  return { providers: Object.keys(providers).length > 0 ? JSON.stringify(providers) : "", secrets };
}

function fail(message: string): never {
  throw new Error(`stack config: ${message}`);
}
