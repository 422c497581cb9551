import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineProject } from "vitest/config";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A vitest project running a Worker that reads sessions (workers/<name>) inside
 * workerd: its test/entry.js exports the Worker and the session Worker's
 * `SessionService`, so the SESSION binding is a real RPC hop to real code, with
 * KV, and D1 holding every migration. `services` binds more entrypoints its test/entry.js
 * exports (the user Worker's PASSKEYS: the passkey Worker's `PasskeyService`).
 */
export function sessionReaderProject(name: string, bindings: Record<string, string> = {}, services: Record<string, string> = {}) {
  const dir = `${ROOT}workers/${name}/`;
  return defineProject({
    // The repo root, so modules in the hoisted node_modules (the Argon2 .wasm) resolve inside it.
    root: ROOT,
    plugins: [
      cloudflareTest(async () => ({
        main: `${dir}test/entry.js`,
        wrangler: { configPath: `${dir}wrangler.jsonc` },
        miniflare: {
          kvNamespaces: ["SESSIONS"],
          serviceBindings: {
            SESSION: { name: kCurrentWorker, entrypoint: "SessionService" },
            ...Object.fromEntries(Object.entries(services).map(([binding, entrypoint]) => [binding, { name: kCurrentWorker, entrypoint }])),
          },
          bindings: { TEST_MIGRATIONS: await readD1Migrations(`${ROOT}migrations`), ...bindings },
        },
      })),
    ],
    test: {
      name,
      root: ROOT,
      include: [`workers/${name}/test/**/*.test.ts`],
      setupFiles: [`${ROOT}test/setup/apply-migrations.ts`],
      // A bound for a test that hangs, not a speed target: a few tests take a second or two
      // alone and several times that while the browser suites share the two cores.
      testTimeout: 20_000,
    },
  });
}
