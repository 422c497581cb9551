import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineProject } from "vitest/config";

// The user Worker runs as `main`; the session Worker's entrypoint is exported
// from the same test entry, so the SESSION binding is a real RPC hop to real code.
export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      main: "./test/entry.ts",
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        kvNamespaces: ["SESSIONS"],
        serviceBindings: { SESSION: { name: kCurrentWorker, entrypoint: "SessionService" } },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(new URL("../../migrations", import.meta.url).pathname),
          RESEND_API_KEY: "",
          // Cheap Argon2 parameters keep route tests fast; the hasher tests use the real ones.
          ARGON2_MEMORY_KIB: "256",
          ARGON2_ITERATIONS: "1",
        },
      },
    })),
  ],
  test: {
    name: "user",
    setupFiles: ["../../test/setup/apply-migrations.ts"],
  },
});
