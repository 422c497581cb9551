import { defineConfig } from "vitest/config";
import { HeaviestFirst } from "./test/setup/heaviest-first";

// One project per unit: Worker code runs inside workerd, the rest in Node.
export default defineConfig({
  test: {
    // Each Worker test file gets a workerd process of its own, and a file's start mostly waits
    // (workerd starting, modules fetched from Vite), leaving a core idle. On two cores, three
    // at a time took the user project from 61 s to 43 s; four, from 52 s to 44-46 s with the
    // files it has now. Five or six gained nothing more. Projects in one group share the value.
    maxWorkers: 4,
    // The mail consumer and the upkeep log a line per message and run (what a deployed stack's
    // `wrangler tail` shows): hundreds of them would bury what the tests print.
    onConsoleLog: (log) => !/^\{"(mail":"sent|upkeep)"/.test(log),
    sequence: { sequencer: HeaviestFirst },
    projects: ["workers/*/vitest.config.ts", "infra/vitest.config.{ts,mts}", "site/vitest.config.ts", "test/*/vitest.config.ts"],
  },
});
