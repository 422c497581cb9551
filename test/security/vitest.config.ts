import { defineProject } from "vitest/config";

// The black-box security suite: Node speaks HTTP to local stacks started once in global-setup.
export default defineProject({
  test: {
    name: "security",
    environment: "node",
    include: ["*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // After the CPU-bound Worker suites, beside the browser suite: both mostly wait (on their
    // stacks and on Chromium), so together they keep the two cores busy. The timing test pairs
    // its samples in a random order, so load from the neighbours hits both kinds alike.
    maxWorkers: 4,
    sequence: { groupOrder: 1 },
  },
});
