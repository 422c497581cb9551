/**
 * Secret bindings per Worker (by folder under workers/) and the stack config key
 * each comes from (`pulumi config set --secret <key> ...`). Secrets never appear in
 * wrangler.jsonc, which is committed; each Worker declares them in its
 * `src/secrets.d.ts`, and a test fails when a declared secret has no row here.
 */
export const SECRET_CONFIG_KEYS: Record<string, Record<string, string>> = {
  user: { RESEND_API_KEY: "resendApiKey" },
};

/**
 * Secret bindings the program makes itself rather than reading from config: the token
 * signing keys (a `SigningKeys` resource per stack, rotated by raising `tokenKeyGeneration`)
 * and the key TOTP secrets are encrypted with (an `MfaEncryptionKey` per stack, which the
 * optional secret `mfaEncryptionKey` replaces).
 */
export const PROGRAM_SECRETS: Record<string, string[]> = {
  user: ["TOKEN_SIGNING_KEYS", "MFA_ENCRYPTION_KEY"],
};
