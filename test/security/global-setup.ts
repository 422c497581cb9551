import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildDir } from "../../scripts/build";
import type { LocalStack } from "../../scripts/lib/local-stack";
import { startLocalStack } from "../../scripts/start";
import { startFakeMailProvider } from "../setup/fake-mail-provider";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createVerifiedUser } from "./lib/users";

export type StackName = "main" | "timing" | "strict" | "fuzz" | "deployed" | "mail";

declare module "vitest" {
  export interface ProvidedContext {
    stacks: Record<StackName, string>;
    /** The loopback fake of Resend the `mail` stack sends to (test/setup/fake-mail-provider.ts). */
    mailProvider: string;
  }
}

// Every request of the suite comes from 127.0.0.1. Per-account limits stay on everywhere.
const COMMON = { ADMIN_EMAILS: ADMIN_EMAIL };
// Route and session tests do hundreds of hashes: cheap Argon2 keeps them fast. The timing
// stack keeps the production parameters, since hash time is what it measures.
const CHEAP_ARGON2 = { ARGON2_MEMORY_KIB: "256", ARGON2_ITERATIONS: "1" };

const STACKS: Record<Exclude<StackName, "mail">, { env: Record<string, string>; local?: false }> = {
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

/**
 * Mail through Resend (a loopback fake), retried every second: the mail outage test.
 * No admin: its mail never reaches the local mailbox.
 */
const mailStack = (provider: string) => ({
  env: { ...CHEAP_ARGON2, RATE_LIMIT_IP: "off", EMAIL_PROVIDER: "resend", RESEND_API_KEY: "re_test", RESEND_API_URL: provider, MAIL_RETRY_BASE_SECONDS: "1", MAIL_RETRY_MAX_SECONDS: "1" },
  admin: false,
});

/** Six local stacks on free ports, each with a fresh state folder; the local ones (but `mail`) with a verified admin. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "workers-users-security-"));
  const started: LocalStack[] = [];
  const mail = await startFakeMailProvider();
  const stacks = { ...STACKS, mail: mailStack(mail.url) } as Record<StackName, { env: Record<string, string>; local?: false; admin?: false }>;
  const stop = async () => {
    await Promise.allSettled(started.map((stack) => stack.stop()));
    await mail.close();
    await rm(root, { recursive: true, force: true });
  };
  try {
    const entries = await Promise.all(
      (Object.keys(stacks) as StackName[]).map(async (name) => {
        const { env, local, admin } = stacks[name];
        const stack = await startLocalStack({ port: 0, persistDir: join(root, name), dist: buildDir("test"), env, local });
        started.push(stack);
        if (local !== false && admin !== false) await createVerifiedUser(stack.url, ADMIN_EMAIL, ADMIN_PASSWORD);
        return [name, stack.url] as const;
      }),
    );
    project.provide("stacks", Object.fromEntries(entries) as Record<StackName, string>);
    project.provide("mailProvider", mail.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
