import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type AuthenticatorTransport } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import type { AssertionResult, AuthenticationOptionsInput, CeremonyOptions, CredentialResponseJSON, PasskeyCredential, RelyingParty } from "@workers-users/shared";
import { invalid } from "./failure";

/** Options for `navigator.credentials.get`; no allowed credentials lets the authenticator offer its discoverable ones. */
export async function authenticationOptions(input: AuthenticationOptionsInput): Promise<CeremonyOptions> {
  const options = await generateAuthenticationOptions({
    rpID: input.rpId,
    allowCredentials: input.allowCredentialIds.map((id) => ({ id })),
    timeout: input.timeoutMs,
    userVerification: "required",
  });
  return options as unknown as CeremonyOptions;
}

/**
 * Checks an assertion against the stored credential: challenge, origin, RP ID hash, user
 * presence and verification, the signature, and a signature counter that must move forward
 * (a cloned authenticator would replay an old one) unless the authenticator keeps none (0).
 */
export async function verifyAuthentication(
  input: RelyingParty & { challenge: string; response: CredentialResponseJSON; credential: PasskeyCredential },
): Promise<AssertionResult> {
  const { credential } = input;
  if (input.response.id !== credential.id) return { type: "invalid", reason: "the response is for another credential" };
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: input.response as unknown as AuthenticationResponseJSON,
      expectedChallenge: input.challenge,
      expectedOrigin: input.origin,
      expectedRPID: input.rpId,
      requireUserVerification: true,
      credential: {
        id: credential.id,
        publicKey: isoBase64URL.toBuffer(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports as AuthenticatorTransport[],
      },
    });
    if (!verified) return { type: "invalid", reason: "not verified" };
    return { type: "verified", credentialId: authenticationInfo.credentialID, newCounter: authenticationInfo.newCounter };
  } catch (error) {
    return invalid(error);
  }
}
