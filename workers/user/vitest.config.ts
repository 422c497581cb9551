import { newMfaEncryptionKey } from "../../infra/providers/mfa-key-provider";
import { newSigningKey } from "../../infra/providers/signing-keys-provider";
import { startDevIdentityProvider } from "../../scripts/lib/dev-identity-provider";
import { FAKE_CLIENT_ID, startFakeIdentityProviders } from "../../test/setup/fake-identity-providers";
import { startFakeMailProvider } from "../../test/setup/fake-mail-provider";
import { sessionReaderProject } from "../../test/setup/worker-project";

// A loopback fake of the mail provider for the delivery tests (mail/delivery.test.ts).
const mailProvider = await startFakeMailProvider();
// Social sign-in (test/oauth/): the local stack's real OpenID provider, which here lets any
// address sign in, and loopback fakes of a misbehaving issuer and of GitHub.
const devProvider = await startDevIdentityProvider({ redirectUris: ["http://127.0.0.1:8787/api/auth/oauth/dev/callback"], anyone: true });
const fakes = await startFakeIdentityProviders();
const OAUTH_PROVIDERS = {
  dev: { issuer: devProvider.issuer, clientId: devProvider.clientId, name: "Dev" },
  fake: { issuer: fakes.url, clientId: FAKE_CLIENT_ID, name: "Fake" },
  github: { clientId: "gh-client", webUrl: `${fakes.url}/gh`, apiUrl: `${fakes.url}/ghapi` },
  // Configured without a secret: not offered.
  google: { clientId: "google-client" },
};

export default sessionReaderProject("user", {
  // The local stack's marker: the dev outbox (the tests read mail through it) and RATE_LIMIT_IP=off.
  ENVIRONMENT: "local",
  RESEND_API_KEY: "",
  // The stack's token signing keys, made for this run as the local stack makes its own.
  TOKEN_SIGNING_KEYS: JSON.stringify({ current: await newSigningKey() }),
  // The key TOTP secrets are sealed with, made for this run as the local stack makes its own.
  MFA_ENCRYPTION_KEY: newMfaEncryptionKey(),
  ADMIN_EMAILS: "root@example.com",
  // One client address for every test; the limiter's own test turns it on.
  RATE_LIMIT_IP: "off",
  // No network in tests; the breached check has its own test with a fake fetch.
  BREACHED_PASSWORD_CHECK: "off",
  // Cheap Argon2 parameters keep route tests fast; the hasher tests use the real ones.
  ARGON2_MEMORY_KIB: "256",
  ARGON2_ITERATIONS: "1",
  TEST_MAIL_PROVIDER_URL: mailProvider.url,
  OAUTH_PROVIDERS: JSON.stringify(OAUTH_PROVIDERS),
  OAUTH_DEV_CLIENT_SECRET: devProvider.clientSecret,
  OAUTH_FAKE_CLIENT_SECRET: "fake-secret",
  OAUTH_GITHUB_CLIENT_SECRET: "gh-secret",
  TEST_FAKE_IDP_URL: fakes.url,
}, { PASSKEYS: "PasskeyService" });
