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
    // A group of its own, after the CPU-bound Worker suites and the browser suite, so the
    // timing test measures the stack rather than the neighbours. The files mostly wait on
    // workerd: the timing test, the fuzzer and the rest run side by side.
    maxWorkers: 3,
    sequence: { groupOrder: 2 },
  },
});
