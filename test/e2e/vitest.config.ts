import { defineProject } from "vitest/config";

// The browser suite: Node drives /usr/bin/chromium against one local stack.
export default defineProject({
  test: {
    name: "e2e",
    environment: "node",
    include: ["*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // A bound for a flow that hangs, not a speed target: a long flow takes ~10 s alone and
    // several times that while the Worker suites share the two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The files mostly wait on Chromium and workerd, so they overlap well even on two
    // cores; a group apart from the CPU-bound Worker suites, shared with the security suite
    // (whose files also mostly wait): the same maxWorkers for both, as a group needs.
    maxWorkers: 4,
    sequence: { groupOrder: 1 },
  },
});
