import * as oauth from "oauth4webapi";
import type { Provider } from "./providers";

/** Every request to a provider gives up after this long: a slow provider fails the sign-in, not the Worker. */
export const PROVIDER_TIMEOUT_MS = 5000;
/** Discovery documents are re-read after an hour (keys rotate through the JWKS, which oauth4webapi caches per document). */
const DISCOVERY_TTL_MS = 3600_000;
/** ID token signatures we accept; `none` and HMAC never (a client secret is not a signing key here). */
export const ALLOWED_ID_TOKEN_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

const discovered = new Map<string, { server: oauth.AuthorizationServer; at: number }>();

/** Options for every oauth4webapi request: a timeout, and plain http only for the local stack's loopback providers. */
export function requestOptions(provider: Provider) {
  const url = provider.kind === "oidc" ? provider.issuer : provider.webUrl;
  return { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), [oauth.allowInsecureRequests]: url.startsWith("http:") };
}

function github(provider: Provider & { kind: "github" }): oauth.AuthorizationServer {
  return {
    issuer: provider.webUrl,
    authorization_endpoint: `${provider.webUrl}/login/oauth/authorize`,
    token_endpoint: `${provider.webUrl}/login/oauth/access_token`,
  };
}

/** The provider's metadata: discovered for OpenID Connect (cached per isolate), fixed for GitHub. */
export async function authorizationServer(provider: Provider): Promise<oauth.AuthorizationServer> {
  if (provider.kind === "github") return github(provider);
  const cached = discovered.get(provider.issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.server;
  const issuer = new URL(provider.issuer);
  const response = await oauth.discoveryRequest(issuer, { ...requestOptions(provider), algorithm: "oidc" });
  const metadata = await oauth.processDiscoveryResponse(issuer, response);
  const algs = (metadata.id_token_signing_alg_values_supported ?? ["RS256"]).filter((alg) => ALLOWED_ID_TOKEN_ALGS.includes(alg));
  const server = { ...metadata, id_token_signing_alg_values_supported: algs };
  discovered.set(provider.issuer, { server, at: Date.now() });
  return server;
}

export function clientOf(provider: Provider): oauth.Client {
  return { client_id: provider.clientId };
}

/** HTTP Basic when the provider offers it (the OAuth default), else the secret in the body (GitHub). */
export function clientAuth(provider: Provider, server: oauth.AuthorizationServer): oauth.ClientAuth {
  const methods = server.token_endpoint_auth_methods_supported ?? (provider.kind === "github" ? [] : ["client_secret_basic"]);
  return methods.includes("client_secret_basic") ? oauth.ClientSecretBasic(provider.clientSecret) : oauth.ClientSecretPost(provider.clientSecret);
}
