import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type { ProblemBody, SessionUser } from "@workers-users/shared";
import { api, client, type ApiResult } from "../api";
import { t } from "../../i18n";

/** A passkey as the account page lists it. */
export interface Passkey {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
}

/** The browser's side can fail too (cancelled, timed out, no authenticator): it comes back as a problem, like the server's. */
function ceremonyFailure(error: unknown): ApiResult<never> {
  const name = error instanceof WebAuthnError ? (error.cause as Error | undefined)?.name : error instanceof Error ? error.name : "";
  // Status 0: the page shows the detail as it is, so it is the reader's language already.
  const detail = t(
    name === "NotAllowedError" || name === "AbortError"
      ? "passkey.cancelled"
      : name === "InvalidStateError"
        ? "passkey.alreadyHere"
        : name === "SecurityError"
          ? "passkey.wrongAddress"
          : "passkey.unusable",
  );
  const problem: ProblemBody = { type: "about:blank", title: detail, status: 0, code: "VALIDATION_FAILED", detail };
  return { ok: false, status: 0, problem, retryAfter: null };
}

/** The authenticator's answer as the API's body types it: extension outputs are a plain object there. */
function asBody<R extends { clientExtensionResults: object }>(response: R): Omit<R, "clientExtensionResults"> & { clientExtensionResults: Record<string, unknown> } {
  const extensions: Record<string, unknown> = { ...response.clientExtensionResults };
  return { ...response, clientExtensionResults: extensions };
}

export function listPasskeys(): Promise<ApiResult<{ passkeys: Passkey[] }>> {
  return api(client.GET("/api/account/passkeys"));
}

/** Registration: options from the server, the authenticator's answer, then the server stores it. */
export async function addPasskey(name: string | null): Promise<ApiResult<{ passkey: Passkey }>> {
  const options = await api(client.POST("/api/account/passkeys/options"));
  if (!options.ok) return options;
  let response;
  try {
    // The document types the options loosely (they are the WebAuthn library's, passed through).
    response = await startRegistration({ optionsJSON: options.data.options as unknown as PublicKeyCredentialCreationOptionsJSON });
  } catch (error) {
    return ceremonyFailure(error);
  }
  return api(client.POST("/api/account/passkeys", { body: { response: asBody(response), ...(name ? { name } : {}) } }));
}

export function renamePasskey(id: string, name: string): Promise<ApiResult<{ passkey: Passkey }>> {
  return api(client.PATCH("/api/account/passkeys/{id}", { params: { path: { id } }, body: { name } }));
}

export function removePasskey(id: string): Promise<ApiResult<undefined>> {
  return api(client.DELETE("/api/account/passkeys/{id}", { params: { path: { id } } }));
}

type Assertion = ReturnType<typeof asBody<AuthenticationResponseJSON>>;

/**
 * An authentication ceremony: options from the server, the authenticator's answer (the browser
 * asks for the screen lock), then `verify` sends that answer; or why there is none.
 */
async function withAssertion<T>(asked: Promise<ApiResult<{ options: object }>>, verify: (response: Assertion) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const options = await asked;
  if (!options.ok) return options;
  let response: Assertion;
  try {
    // The document types the options loosely (they are the WebAuthn library's, passed through).
    response = asBody(await startAuthentication({ optionsJSON: options.data.options as unknown as PublicKeyCredentialRequestOptionsJSON }));
  } catch (error) {
    return ceremonyFailure(error);
  }
  return verify(response);
}

/** A usernameless sign-in: the authenticator offers the passkeys it holds for this site. */
export function signInWithPasskey(): Promise<ApiResult<{ user: SessionUser }>> {
  return withAssertion(api(client.POST("/api/auth/passkey/options")), (response) => api(client.POST("/api/auth/passkey/verify", { body: { response } })));
}

/** The second sign-in step with a passkey of the account signing in (the pending sign-in's cookie says which). */
export function secondStepWithPasskey(): Promise<ApiResult<{ user: SessionUser; returnTo: string | null }>> {
  return withAssertion(api(client.POST("/api/auth/mfa/passkey/options")), (passkey) => api(client.POST("/api/auth/mfa/verify", { body: { passkey } })));
}

/** Step-up with a passkey of the signed-in account. */
export function reauthenticateWithPasskey(): Promise<ApiResult<{ authenticatedAt: number }>> {
  return withAssertion(api(client.POST("/api/auth/reauthenticate/passkey/options")), (passkey) => api(client.POST("/api/auth/reauthenticate", { body: { passkey } })));
}
