import { defineProject } from "vitest/config";

// The site's own logic that needs no browser (its catalogues), in Node: well under a second.
export default defineProject({
  test: {
    name: "site",
    environment: "node",
    include: ["test/**/*.test.ts"],
  },
});
