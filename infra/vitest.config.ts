import { defineProject } from "vitest/config";

// The Pulumi program runs in Node: resources against setMocks, dynamic providers
// against loopback fakes of the Cloudflare API.
export default defineProject({
  test: {
    name: "infra",
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The second runs wrangler against a fake of the API once, for test/contract.test.ts.
    globalSetup: ["test/global-setup.ts", "test/contract/wrangler-capture.ts"],
    testTimeout: 20_000,
  },
});
