/** The account and secrets every test stack uses. */
export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const SECRETS = { apiToken: "cf-token-do-not-leak", resendApiKey: "re_key_do_not_leak", signingKey: "ed25519-private-key-do-not-leak" };

/** The token signing keys the mock engine gives a stack's `SigningKeys` resource. */
export const MOCK_SIGNING_KEYS = JSON.stringify({ current: { kid: "kid-1", privateJwk: { kty: "OKP", crv: "Ed25519", x: "x", d: SECRETS.signingKey } } });
