import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildDir } from "../../scripts/build";
import { startLocalStack } from "../../scripts/start";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
  }
}

// Gets the admin role once verified, as `adminEmails` does in a deployed stack.
const ADMIN_EMAIL = "admin-e2e@example.com";

/** One stack for the whole suite: a free port and a fresh state folder. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const persistDir = await mkdtemp(join(tmpdir(), "workers-users-e2e-"));
  // Every browser of the suite shares one address; per-account limits stay on.
  // With the local OpenID provider as `dev`, as `npm start` runs it (social-login.test.ts).
  const stack = await startLocalStack({ port: 0, persistDir, dist: buildDir("test"), devIdentityProvider: true, env: { RATE_LIMIT_IP: "off", ADMIN_EMAILS: ADMIN_EMAIL } });
  project.provide("baseUrl", stack.url);
  project.provide("adminEmail", ADMIN_EMAIL);
  return async () => {
    await stack.stop();
    await rm(persistDir, { recursive: true, force: true });
  };
}
