import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineProject } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The user Worker runs as `main`; the session Worker's entrypoint is exported
// from the same test entry, so the SESSION binding is a real RPC hop to real code.
export default defineProject({
  // The repo root, so modules in the hoisted node_modules (the Argon2 .wasm)
  // resolve inside the project root.
  root: here("../.."),
  plugins: [
    cloudflareTest(async () => ({
      main: here("./test/entry.js"),
      wrangler: { configPath: here("./wrangler.jsonc") },
      miniflare: {
        kvNamespaces: ["SESSIONS"],
        serviceBindings: { SESSION: { name: kCurrentWorker, entrypoint: "SessionService" } },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(here("../../migrations")),
          RESEND_API_KEY: "",
          ADMIN_EMAILS: "root@example.com",
          // One client address for every test; the limiter's own test turns it on.
          RATE_LIMIT_IP: "off",
          // No network in tests; the breached check has its own test with a fake fetch.
          BREACHED_PASSWORD_CHECK: "off",
          // Cheap Argon2 parameters keep route tests fast; the hasher tests use the real ones.
          ARGON2_MEMORY_KIB: "256",
          ARGON2_ITERATIONS: "1",
        },
      },
    })),
  ],
  test: {
    name: "user",
    root: here("../.."),
    include: ["workers/user/test/**/*.test.ts"],
    setupFiles: [here("../../test/setup/apply-migrations.ts")],
  },
});
