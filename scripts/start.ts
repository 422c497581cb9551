/**
 * `npm start`: builds, applies pending migrations to local D1 and serves the
 * site and the API on one origin, printing a line per request and per mail.
 * PORT overrides 8787; ADMIN_EMAILS and RATE_LIMIT_IP pass through to the user
 * Worker. A local OpenID provider runs beside it as sign-in provider `dev`.
 * Ctrl-C stops both.
 */
import { fileURLToPath } from "node:url";
import { buildDir } from "./build";
import { startLocalStack, type LocalStackOptions } from "./lib/local-stack";

export { startLocalStack } from "./lib/local-stack";

const PASSTHROUGH = ["ADMIN_EMAILS", "RATE_LIMIT_IP"] as const;

/**
 * How `npm start` starts the stack: on PORT (8787), from a build folder of its own per
 * port, so `npm test`, the benchmark or another `npm start` rebuilding never swap its files.
 */
export function npmStartOptions(vars: NodeJS.ProcessEnv): LocalStackOptions {
  const port = Number(vars.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number (1 to 65535), not ${vars.PORT}`);
  const env = Object.fromEntries(PASSTHROUGH.flatMap((key) => (vars[key] ? [[key, vars[key]!]] : [])));
  return { port, env, dist: buildDir(`start-${port}`), skipBuild: false, devIdentityProvider: true, print: (line) => console.log(`  ${line}`) };
}

async function main(): Promise<void> {
  const stack = await startLocalStack(npmStartOptions(process.env));
  const applied = stack.appliedMigrations.length > 0 ? stack.appliedMigrations.join(", ") : "none pending";
  console.log(`
  workers-users is running

    site      ${stack.url}
    mailbox   ${stack.mailboxUrl}   (local email: verification and reset links)
    sign-in   ${stack.identityProviderUrl}   (local OpenID provider "Dev": alice@example.com, password dev)
    passkeys  ${stack.url.replace("://127.0.0.1:", "://localhost:")}   (WebAuthn needs a host name: the site there has passkeys)
    API       ${stack.url}/reference   (every route; the contract is /api/openapi.json)
    state     .wrangler/state/v3 (delete it to start over)
    migrations applied: ${applied}

  Ctrl-C to stop. Each request and each mail gets a line below.
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
