/**
 * Sign-in providers as configuration: `OAUTH_PROVIDERS` (a var, JSON: id → settings) names
 * them, and each one's client secret is the secret binding `OAUTH_<ID>_CLIENT_SECRET`. A
 * provider without a client id or without its secret is not offered: no button, no routes.
 *
 * @example
 * OAUTH_PROVIDERS = '{"google":{"clientId":"123.apps.googleusercontent.com"},
 *                     "okta":{"issuer":"https://acme.okta.com","clientId":"0oa1","name":"Okta"}}'
 */
export interface OidcProvider {
  kind: "oidc";
  id: string;
  name: string;
  /** Discovered at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** GitHub speaks OAuth 2 without OpenID Connect: the person comes from its user and emails API. */
export interface GitHubProvider {
  kind: "github";
  id: string;
  name: string;
  /** https://github.com, or a GitHub Enterprise Server's origin. */
  webUrl: string;
  /** https://api.github.com, or `<origin>/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

export type Provider = OidcProvider | GitHubProvider;

interface Settings {
  clientId?: unknown;
  issuer?: unknown;
  name?: unknown;
  webUrl?: unknown;
  apiUrl?: unknown;
}

const ID = /^[a-z][a-z0-9]{0,31}$/;
const PRESETS: Record<string, { name: string; issuer?: string }> = {
  google: { name: "Google", issuer: "https://accounts.google.com" },
  github: { name: "GitHub" },
};

const cache = new WeakMap<Env, Provider[]>();

/** The binding that holds a provider's client secret: `OAUTH_GOOGLE_CLIENT_SECRET`. */
export function secretBindingOf(id: string): string {
  return `OAUTH_${id.toUpperCase()}_CLIENT_SECRET`;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || value.length > 512) throw new Error(`config: OAUTH_PROVIDERS ${what} must be a string`);
  return value;
}

/** An https origin or path; plain http only for loopback in the local stack. */
function url(value: string, what: string, local: boolean): string {
  const parsed = new URL(value);
  const loopback = parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
  if (parsed.protocol !== "https:" && !(local && loopback && parsed.protocol === "http:")) {
    throw new Error(`config: OAUTH_PROVIDERS ${what} must be https`);
  }
  return value.replace(/\/+$/, "");
}

function parseOne(id: string, settings: Settings, secret: string | undefined, local: boolean): Provider | null {
  if (!ID.test(id)) throw new Error("config: OAUTH_PROVIDERS ids are lower-case letters and digits");
  const clientId = text(settings.clientId, `${id}.clientId`);
  if (clientId === undefined || !secret) return null;
  const preset = PRESETS[id];
  const name = text(settings.name, `${id}.name`) ?? preset?.name ?? id;
  if (id === "github") {
    const webUrl = url(text(settings.webUrl, "github.webUrl") ?? "https://github.com", "github.webUrl", local);
    const apiUrl = url(text(settings.apiUrl, "github.apiUrl") ?? "https://api.github.com", "github.apiUrl", local);
    return { kind: "github", id, name, webUrl, apiUrl, clientId, clientSecret: secret };
  }
  const issuer = text(settings.issuer, `${id}.issuer`) ?? preset?.issuer;
  if (issuer === undefined) throw new Error(`config: OAUTH_PROVIDERS ${id} needs an issuer`);
  return { kind: "oidc", id, name, issuer: url(issuer, `${id}.issuer`, local), clientId, clientSecret: secret };
}

function parse(env: Env): Provider[] {
  const raw = env.OAUTH_PROVIDERS?.trim();
  if (!raw) return [];
  const all = JSON.parse(raw) as Record<string, Settings>;
  if (typeof all !== "object" || all === null || Array.isArray(all)) throw new Error("config: OAUTH_PROVIDERS must be an object");
  const secrets = env as unknown as Record<string, unknown>;
  const local = env.ENVIRONMENT === "local";
  return Object.entries(all).flatMap(([id, settings]) => {
    const secret = secrets[secretBindingOf(id)];
    const provider = parseOne(id, settings ?? {}, typeof secret === "string" ? secret : undefined, local);
    return provider ? [provider] : [];
  });
}

/** The configured providers, read once per isolate. A malformed setting is a deploy bug: it throws. */
export function configuredProviders(env: Env): Provider[] {
  let providers = cache.get(env);
  if (!providers) cache.set(env, (providers = parse(env)));
  return providers;
}

export function findProvider(env: Env, id: string): Provider | null {
  return configuredProviders(env).find((p) => p.id === id) ?? null;
}
