import { defineConfig } from "vitest/config";

// One project per unit: Worker code runs inside workerd, the rest in Node.
export default defineConfig({
  test: {
    projects: ["workers/*/vitest.config.ts", "test/*/vitest.config.ts"],
  },
});
