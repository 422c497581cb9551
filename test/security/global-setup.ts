import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { LocalStack } from "../../scripts/lib/local-stack";
import { startLocalStack } from "../../scripts/start";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createVerifiedUser } from "./lib/users";

export type StackName = "main" | "timing" | "strict" | "fuzz" | "deployed";

declare module "vitest" {
  export interface ProvidedContext {
    stacks: Record<StackName, string>;
  }
}

// Every request of the suite comes from 127.0.0.1. Per-account limits stay on everywhere.
const COMMON = { ADMIN_EMAILS: ADMIN_EMAIL };
// Route and session tests do hundreds of hashes: cheap Argon2 keeps them fast. The timing
// stack keeps the production parameters, since hash time is what it measures.
const CHEAP_ARGON2 = { ARGON2_MEMORY_KIB: "256", ARGON2_ITERATIONS: "1" };

const STACKS: Record<StackName, { env: Record<string, string>; local?: false }> = {
  // Audiences as an adopter with one service would set them (docs/tokens.md verifies for "notes-api").
  main: { env: { ...COMMON, ...CHEAP_ARGON2, RATE_LIMIT_IP: "off", TOKEN_AUDIENCES: "notes-api" } },
  timing: { env: { ...COMMON, RATE_LIMIT_IP: "off" } },
  // Per-IP limits on, and the account lock reachable in three failures instead of ten.
  strict: { env: { ...COMMON, ...CHEAP_ARGON2, RATE_LIMIT_IP: "on", LOCKOUT_THRESHOLD: "3" } },
  // Its own state, so the fuzzer can compare whole tables before and after.
  fuzz: { env: { ...COMMON, ...CHEAP_ARGON2, RATE_LIMIT_IP: "off" } },
  // The user Worker with its wrangler.jsonc vars as shipped (no local marker), asking for
  // RATE_LIMIT_IP=off: what a `wrangler deploy` without the Pulumi program runs. No mailbox, no admin.
  deployed: { env: { ...CHEAP_ARGON2, RATE_LIMIT_IP: "off" }, local: false },
};

/** Five local stacks on free ports, each with a fresh state folder; the local ones with a verified admin. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "workers-users-security-"));
  const started: LocalStack[] = [];
  const stop = async () => {
    await Promise.allSettled(started.map((stack) => stack.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const entries = await Promise.all(
      (Object.keys(STACKS) as StackName[]).map(async (name) => {
        const { env, local } = STACKS[name];
        const stack = await startLocalStack({ port: 0, persistDir: join(root, name), env, local });
        started.push(stack);
        if (local !== false) await createVerifiedUser(stack.url, ADMIN_EMAIL, ADMIN_PASSWORD);
        return [name, stack.url] as const;
      }),
    );
    project.provide("stacks", Object.fromEntries(entries) as Record<StackName, string>);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
