import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      main: "./src/index.ts",
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(new URL("../../migrations", import.meta.url).pathname),
          // Short timeouts so expiry can be driven by a fake clock.
          SESSION_IDLE_TIMEOUT: "3600",
          SESSION_ABSOLUTE_TIMEOUT: "86400",
          SESSION_TOUCH_INTERVAL: "300",
          SESSION_DATA_MAX_BYTES: "1024",
          SESSION_MAX_PER_USER: "3",
        },
      },
    })),
  ],
  test: {
    name: "session",
    setupFiles: ["../../test/setup/apply-migrations.ts"],
  },
});
