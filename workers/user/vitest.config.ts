import { newSigningKey } from "../../infra/providers/signing-keys-provider";
import { startFakeMailProvider } from "../../test/setup/fake-mail-provider";
import { sessionReaderProject } from "../../test/setup/worker-project";

// A loopback fake of the mail provider for the delivery tests (mail/delivery.test.ts).
const mailProvider = await startFakeMailProvider();

export default sessionReaderProject("user", {
  // The local stack's marker: the dev outbox (the tests read mail through it) and RATE_LIMIT_IP=off.
  ENVIRONMENT: "local",
  RESEND_API_KEY: "",
  // The stack's token signing keys, made for this run as the local stack makes its own.
  TOKEN_SIGNING_KEYS: JSON.stringify({ current: await newSigningKey() }),
  ADMIN_EMAILS: "root@example.com",
  // One client address for every test; the limiter's own test turns it on.
  RATE_LIMIT_IP: "off",
  // No network in tests; the breached check has its own test with a fake fetch.
  BREACHED_PASSWORD_CHECK: "off",
  // Cheap Argon2 parameters keep route tests fast; the hasher tests use the real ones.
  ARGON2_MEMORY_KIB: "256",
  ARGON2_ITERATIONS: "1",
  TEST_MAIL_PROVIDER_URL: mailProvider.url,
});
