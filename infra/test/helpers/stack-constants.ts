/** The account and secrets every test stack uses. */
export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const SECRETS = { apiToken: "cf-token-do-not-leak", resendApiKey: "re_key_do_not_leak", signingKey: "ed25519-private-key-do-not-leak",
  // Base64 of 32 bytes, as the user Worker takes it.
  mfaKey: btoa("mfa-key-do-not-leak-32-bytes-000"),
};

/** The MFA key the mock engine gives a stack's `MfaEncryptionKey` resource. */
export const MOCK_MFA_KEY = SECRETS.mfaKey;
/** The token signing keys the mock engine gives a stack's `SigningKeys` resource. */
export const MOCK_SIGNING_KEYS = JSON.stringify({ current: { kid: "kid-1", privateJwk: { kty: "OKP", crv: "Ed25519", x: "x", d: SECRETS.signingKey } } });
