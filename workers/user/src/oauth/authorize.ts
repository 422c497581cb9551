import * as oauth from "oauth4webapi";
import type { Provider } from "./providers";
import { authorizationServer } from "./server";

const SCOPES = { oidc: "openid email profile", github: "read:user user:email" } as const;

/**
 * The provider's authorization URL for a new flow, with the secrets the callback needs:
 * a random `state`, a `nonce` (sent to OpenID providers only) and a PKCE verifier whose
 * S256 challenge goes in the URL. Null when the provider's metadata cannot be read.
 */
export async function authorizationUrl(
  provider: Provider,
  redirectUri: string,
): Promise<{ url: string; secrets: { state: string; nonce: string; codeVerifier: string } } | null> {
  let server: oauth.AuthorizationServer;
  try {
    server = await authorizationServer(provider);
  } catch {
    return null;
  }
  if (server.authorization_endpoint === undefined) return null;
  const secrets = { state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), codeVerifier: oauth.generateRandomCodeVerifier() };
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", SCOPES[provider.kind]);
  url.searchParams.set("state", secrets.state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(secrets.codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (provider.kind === "oidc") url.searchParams.set("nonce", secrets.nonce);
  return { url: url.href, secrets };
}
