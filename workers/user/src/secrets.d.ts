// Secrets are not in wrangler.jsonc (that file is committed): they come from
// stack config in deployed stacks and are empty in the local stack.
declare namespace Cloudflare {
  interface Env {
    /** Resend API key; required when EMAIL_PROVIDER is "resend". */
    RESEND_API_KEY?: string;
  }
}
