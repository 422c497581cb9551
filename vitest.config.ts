import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take longest, started first in their group. Vitest otherwise runs a group's
 * projects one after another (every browser file before the first security file) and, on a
 * fresh clone with no timings cached, larger files first: the fuzzer, a short file that runs
 * for most of a minute, started last and ended the run alone. Longest first keeps the cores
 * busy to the end. A file missing from the list only loses its head start.
 */
const LONGEST_FIRST = [
  "test/security/fuzz.test.ts",
  "test/e2e/admin.test.ts",
  "test/security/enumeration-timing.test.ts",
  "test/e2e/account.test.ts",
  "test/e2e/password-reset.test.ts",
  "test/e2e/local-stack.test.ts",
  "test/e2e/pages.test.ts",
  "workers/user/test/mfa.test.ts",
  "workers/user/test/security.test.ts",
  "workers/user/test/auth.test.ts",
  "infra/test/program-config.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    // A stable sort over the base order: groups stay in order, the listed files move up.
    return (await super.sort(files)).sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

// One project per unit: Worker code runs inside workerd, the rest in Node.
export default defineConfig({
  test: {
    // Each Worker test file gets a workerd process of its own, and one file at a time left a
    // core idle while the next process started: three at a time on two cores took the user
    // project from 61 s to 43 s. Projects in one group must share the value.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    // The mail consumer and the upkeep log a line per message and run (what a deployed stack's
    // `wrangler tail` shows): hundreds of them would bury what the tests print.
    onConsoleLog: (log) => !/^\{"(mail":"sent|upkeep)"/.test(log),
    projects: ["workers/*/vitest.config.ts", "infra/vitest.config.{ts,mts}", "site/vitest.config.ts", "test/*/vitest.config.ts"],
  },
});
