import * as oauth from "oauth4webapi";
import type { Flow } from "./flow-cookie";
import { fetchGitHubPerson } from "./github";
import { personOf, type Person } from "./person";
import type { Provider } from "./providers";
import { authorizationServer, clientAuth, clientOf, requestOptions } from "./server";

export type Exchange = { type: "ok"; person: Person } | { type: "failed"; reason: string };

/**
 * The callback's protocol work, all of it done by oauth4webapi: the authorization response
 * (its `state`, and `iss` where the provider sends one), the code exchange with the PKCE
 * verifier, and for OpenID Connect the ID token: signature against the issuer's JWKS, `iss`,
 * `aud`, `exp`, `iat`, `nonce`, and an allowed algorithm. Any failure is "failed".
 */
export async function exchangeCode(provider: Provider, callbackUrl: URL, flow: Flow, redirectUri: string): Promise<Exchange> {
  try {
    const server = await authorizationServer(provider);
    const client = clientOf(provider);
    const params = oauth.validateAuthResponse(server, client, callbackUrl, flow.state);
    const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth(provider, server), params, redirectUri, flow.codeVerifier, requestOptions(provider));
    if (provider.kind === "github") {
      const result = await oauth.processAuthorizationCodeResponse(server, client, response);
      const person = await fetchGitHubPerson(provider, result.access_token);
      return person ? { type: "ok", person } : { type: "failed", reason: "github_user" };
    }
    const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: flow.nonce, requireIdToken: true });
    // oauth4webapi checks the claims above; the signature is checked here, against the issuer's JWKS.
    await oauth.validateApplicationLevelSignature(server, response, requestOptions(provider));
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    if (typeof claims.email === "string") return ok(personOf(claims.sub, claims.email, claims.email_verified, claims.name));
    // Providers that keep the address out of the ID token answer it at userinfo, for the same subject.
    const info = await oauth.userInfoRequest(server, client, result.access_token, requestOptions(provider));
    const user = await oauth.processUserInfoResponse(server, client, claims.sub, info);
    return ok(personOf(claims.sub, user.email, user.email_verified, user.name ?? claims.name));
  } catch (error) {
    return { type: "failed", reason: reasonOf(error) };
  }
}

function ok(person: Person | null): Exchange {
  return person ? { type: "ok", person } : { type: "failed", reason: "bad_subject" };
}

/** A short, secret-free reason for the audit log: the library's error code, never a token. */
function reasonOf(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError) return error.error.slice(0, 64);
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code.slice(0, 64);
  return error instanceof Error ? error.name.slice(0, 64) : "unknown";
}
