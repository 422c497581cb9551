// Secrets are not in wrangler.jsonc (that file is committed): they come from
// stack config in deployed stacks and are empty in the local stack.
declare namespace Cloudflare {
  interface Env {
    /** Resend API key; required when EMAIL_PROVIDER is "resend". */
    RESEND_API_KEY?: string;
    /**
     * The Ed25519 keys tokens are signed with (JSON, see tokens/keys.ts): made by the Pulumi
     * program per stack and by the local stack on its first start.
     */
    TOKEN_SIGNING_KEYS?: string;
    /**
     * Base64 of the 32-byte AES-GCM key TOTP secrets are encrypted with: made by the Pulumi
     * program per stack (or `pulumi config set --secret mfaEncryptionKey`), and by the local
     * stack on its first start. Without a valid one, second factors answer 503 MFA_UNAVAILABLE.
     */
    MFA_ENCRYPTION_KEY?: string;
  }
}
