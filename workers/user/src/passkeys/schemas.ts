import * as z from "zod";

// Credential ids are at most 1023 bytes (WebAuthn): 1364 base64url characters.
const CredentialId = z.string().min(1).max(1364).regex(/^[A-Za-z0-9_-]+$/, "Expected base64url");
// Attestation objects with certificate chains run to a few KB; 16 KB bounds any of them.
const Bytes = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, "Expected base64url");

/** A credential as `PublicKeyCredential.toJSON()` gives it; only the fields WebAuthn reads are kept. */
export const CredentialResponse = z
  .object({
    id: CredentialId,
    rawId: CredentialId,
    type: z.literal("public-key"),
    response: z.object({
      clientDataJSON: Bytes.min(1),
      attestationObject: Bytes.optional(),
      authenticatorData: Bytes.optional(),
      signature: Bytes.optional(),
      userHandle: Bytes.nullish(),
      transports: z.array(z.string().max(32)).max(10).optional(),
    }),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(32).nullish(),
  })
  .meta({ id: "PasskeyCredentialResponse" });

export const PasskeyId = CredentialId;

export const Passkey = z
  .object({ id: z.string(), name: z.string(), createdAt: z.number().int(), lastUsedAt: z.number().int().nullable(), backedUp: z.boolean() })
  .meta({ id: "Passkey" });

/** Options to hand to `navigator.credentials.create/get` (WebAuthn's JSON form). */
export const CeremonyOptions = z.object({ challenge: z.string() }).catchall(z.unknown()).meta({ id: "PasskeyCeremonyOptions" });
