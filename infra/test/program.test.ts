// The whole program against Pulumi's mock engine: one file of tests, so one import of the
// Pulumi SDK and the Cloudflare provider (about 1.2 s of CPU per test file here). Every part
// runs with the two dynamic providers stubbed; each run of the program sets its own mocks.
import { vi } from "vitest";

vi.mock("../providers/d1-migrations-provider", async () => (await import("./helpers/stub-providers")).stubD1);
vi.mock("../providers/pages-deployment-provider", async () => (await import("./helpers/stub-providers")).stubPages);

import "./program/bindings";
import "./program/declarations";
import "./program/isolation";
import "./program/lifecycle";
import "./program/order";
import "./program/pulumi-template";
import "./program/secret-outputs";
