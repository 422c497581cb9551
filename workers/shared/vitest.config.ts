import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";

// Shared code ships inside Workers, so its tests run in workerd too (no main:
// the tests import the modules directly).
export default defineProject({
  plugins: [cloudflareTest({ miniflare: { compatibilityDate: "2026-04-20" } })],
  test: {
    name: "shared",
  },
});
