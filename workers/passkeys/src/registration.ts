import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import type { CeremonyOptions, CredentialResponseJSON, RegistrationOptionsInput, RegistrationResult, RelyingParty } from "@workers-users/shared";
import { invalid } from "./failure";

/** ES256 and RS256 cover every passkey provider; EdDSA keys come from security keys too. */
const ALGORITHMS = [-8, -7, -257];

/**
 * Options for `navigator.credentials.create`: a discoverable credential (so sign-in needs no
 * address), user verification required, no attestation (we trust the user, not a device model).
 */
export async function registrationOptions(input: RegistrationOptionsInput): Promise<CeremonyOptions> {
  const options = await generateRegistrationOptions({
    rpName: input.rpName,
    rpID: input.rpId,
    userName: input.user.name,
    userDisplayName: input.user.displayName,
    // The user handle is the account's id: a usernameless sign-in names the account by it.
    userID: isoUint8Array.fromUTF8String(input.user.id),
    timeout: input.timeoutMs,
    attestationType: "none",
    excludeCredentials: input.excludeCredentialIds.map((id) => ({ id })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  return options as unknown as CeremonyOptions;
}

export async function verifyRegistration(
  input: RelyingParty & { challenge: string; response: CredentialResponseJSON },
): Promise<RegistrationResult> {
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: input.response as unknown as RegistrationResponseJSON,
      expectedChallenge: input.challenge,
      expectedOrigin: input.origin,
      expectedRPID: input.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!verified || !registrationInfo) return { type: "invalid", reason: "not verified" };
    const { credential, credentialBackedUp } = registrationInfo;
    return {
      type: "verified",
      credential: {
        id: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
      },
      backedUp: credentialBackedUp,
    };
  } catch (error) {
    return invalid(error);
  }
}
