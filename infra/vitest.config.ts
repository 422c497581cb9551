import { defineProject } from "vitest/config";

// The Pulumi program runs in Node: resources against setMocks, dynamic providers
// against loopback fakes of the Cloudflare API.
export default defineProject({
  test: {
    name: "infra",
    environment: "node",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
  },
});
