/**
 * The contract between the user Worker and the passkey Worker (`PasskeyService`), which
 * only runs WebAuthn's ceremonies: options out, verification results back. Everything it
 * needs comes in with the call (challenge, origin, RP ID, the stored credential); it reads
 * and stores nothing.
 */

/** Who asks: the RP ID (a host name) and the exact origin the browser must report. */
export interface RelyingParty {
  rpId: string;
  origin: string;
}

/** A stored credential as the verification needs it; the public key is COSE, base64url. */
export interface PasskeyCredential {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

/** The JSON a browser's `navigator.credentials` answer serialises to (WebAuthn Level 3 `toJSON()`). */
export interface CredentialResponseJSON {
  id: string;
  rawId: string;
  type: string;
  response: Record<string, unknown>;
  clientExtensionResults: Record<string, unknown>;
  authenticatorAttachment?: string | null;
}

/** Options for `navigator.credentials.create/get`, passed to the browser as they are; `challenge` is base64url. */
export type CeremonyOptions = { challenge: string } & Record<string, unknown>;

export interface RegistrationOptionsInput extends RelyingParty {
  /** Shown by the authenticator beside the account's name. */
  rpName: string;
  user: { id: string; name: string; displayName: string };
  /** The user's passkeys, so the same authenticator is not registered twice. */
  excludeCredentialIds: string[];
  timeoutMs: number;
}

export interface AuthenticationOptionsInput {
  rpId: string;
  /** Empty for a usernameless sign-in (discoverable credentials): the authenticator offers its own. */
  allowCredentialIds: string[];
  timeoutMs: number;
}

/** `invalid`: the response does not prove what it must (`reason` is for logs and the audit, never for the client). */
export type RegistrationResult =
  | { type: "verified"; credential: PasskeyCredential; backedUp: boolean }
  | { type: "invalid"; reason: string };

export type AssertionResult = { type: "verified"; credentialId: string; newCounter: number } | { type: "invalid"; reason: string };

/**
 * What `PasskeyService` answers over RPC. User verification is always required.
 *
 * @example
 * const passkeys = passkeyClient(env.PASSKEYS);
 * const options = await passkeys.authenticationOptions({ rpId: "example.com", allowCredentialIds: [], timeoutMs: 300_000 });
 */
export interface PasskeyApi {
  registrationOptions(input: RegistrationOptionsInput): Promise<CeremonyOptions>;
  verifyRegistration(input: RelyingParty & { challenge: string; response: CredentialResponseJSON }): Promise<RegistrationResult>;
  authenticationOptions(input: AuthenticationOptionsInput): Promise<CeremonyOptions>;
  verifyAuthentication(
    input: RelyingParty & { challenge: string; response: CredentialResponseJSON; credential: PasskeyCredential },
  ): Promise<AssertionResult>;
}

/**
 * Types a service binding to the passkey Worker's `PasskeyService` entrypoint.
 *
 * @example
 * const result = await passkeyClient(env.PASSKEYS).verifyAuthentication({ rpId, origin, challenge, response, credential });
 */
export function passkeyClient(binding: unknown): PasskeyApi {
  return binding as PasskeyApi;
}
