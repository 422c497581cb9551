import { defineConfig } from "vitest/config";

// One project per unit: Worker code runs inside workerd, the rest in Node.
export default defineConfig({
  test: {
    projects: ["workers/*/vitest.config.ts", "infra/vitest.config.{ts,mts}", "test/*/vitest.config.ts"],
  },
});
