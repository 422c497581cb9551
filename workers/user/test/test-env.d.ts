// What the user project's vitest config adds for its tests (workers/user/vitest.config.ts).
declare namespace Cloudflare {
  interface Env {
    /** The loopback fake of the mail provider (test/setup/fake-mail-provider.ts). */
    TEST_MAIL_PROVIDER_URL: string;
    /** The loopback fakes of a misbehaving OpenID issuer and of GitHub (test/setup/fake-identity-providers.ts). */
    TEST_FAKE_IDP_URL: string;
    /** The session Worker's KV, which the project binds for the SessionService it runs in-process. */
    SESSIONS: KVNamespace;
  }
}

// Vite serves a file's text for `?raw` imports (the delivery test reads max_retries from wrangler.jsonc).
declare module "*?raw" {
  const text: string;
  export default text;
}
