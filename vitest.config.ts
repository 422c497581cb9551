import { defineConfig } from "vitest/config";

// One project per unit: Worker code runs inside workerd, the rest in Node.
export default defineConfig({
  test: {
    // Each Worker test file gets a workerd process of its own, and one file at a time left a
    // core idle while the next process started: three at a time on two cores took the user
    // project from 61 s to 43 s. Projects in one group must share the value.
    maxWorkers: 3,
    // The mail consumer and the upkeep log a line per message and run (what a deployed stack's
    // `wrangler tail` shows): hundreds of them would bury what the tests print.
    onConsoleLog: (log) => !/^\{"(mail":"sent|upkeep)"/.test(log),
    projects: ["workers/*/vitest.config.ts", "infra/vitest.config.{ts,mts}", "site/vitest.config.ts", "test/*/vitest.config.ts"],
  },
});
