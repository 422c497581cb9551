import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineProject } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The example Worker runs as `main`; the session Worker's entrypoint is exported
// from the same test entry, so the SESSION binding is a real RPC hop to real code.
export default defineProject({
  // The repo root, so modules in the hoisted node_modules resolve inside the project root.
  root: here("../.."),
  plugins: [
    cloudflareTest(async () => ({
      main: here("./test/entry.js"),
      wrangler: { configPath: here("./wrangler.jsonc") },
      miniflare: {
        kvNamespaces: ["SESSIONS"],
        serviceBindings: { SESSION: { name: kCurrentWorker, entrypoint: "SessionService" } },
        bindings: { TEST_MIGRATIONS: await readD1Migrations(here("../../migrations")) },
      },
    })),
  ],
  test: {
    name: "example",
    root: here("../.."),
    include: ["workers/example/test/**/*.test.ts"],
    setupFiles: [here("../../test/setup/apply-migrations.ts")],
  },
});
