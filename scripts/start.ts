/**
 * `npm start`: builds, applies pending migrations to local D1 and serves the
 * site and the API on one origin. PORT overrides 8787; ADMIN_EMAILS and
 * RATE_LIMIT_IP pass through to the user Worker. A local OpenID provider runs
 * beside it as sign-in provider `dev`. Ctrl-C stops both.
 */
import { fileURLToPath } from "node:url";
import { startLocalStack } from "./lib/local-stack";

export { startLocalStack } from "./lib/local-stack";

const PASSTHROUGH = ["ADMIN_EMAILS", "RATE_LIMIT_IP"] as const;

async function main(): Promise<void> {
  const env = Object.fromEntries(PASSTHROUGH.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : [])));
  const stack = await startLocalStack({ env, devIdentityProvider: true });
  const applied = stack.appliedMigrations.length > 0 ? stack.appliedMigrations.join(", ") : "none pending";
  console.log(`
  workers-users is running

    site      ${stack.url}
    mailbox   ${stack.mailboxUrl}   (local email: verification and reset links)
    sign-in   ${stack.identityProviderUrl}   (local OpenID provider "Dev": alice@example.com, password dev)
    API       ${stack.url}/api/openapi.json
    state     .wrangler/state/v3 (delete it to start over)
    migrations applied: ${applied}

  Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
