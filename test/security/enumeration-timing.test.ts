import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, type Api } from "./lib/http";
import { comparePaired, describeComparison, indistinguishable, type Comparison } from "./lib/stats";
import { latencies, samplePairs } from "./lib/timing";
import { createVerifiedUser, strongPassword, uniqueEmail } from "./lib/users";

// Login and register run on the stack with production Argon2 parameters: hash time is the
// signal a missing dummy hash would leak. Forgot-password does no hashing; it runs on the
// main stack, where seeding the many addresses it needs (two free requests each) is cheap.
const stacks = inject("stacks");
const timing = apiFor(stacks.timing);
const main = apiFor(stacks.main);
const LOGIN_PAIRS = 32;
const REGISTER_PAIRS = 20;
const FORGOT_PAIRS = 64;

/**
 * Waits for the mail a previous request queued, outside the timed request: no sample pays
 * for another's work (the mailbox waits for the mail in flight, a few milliseconds).
 */
const settle = (base: string) => () => fetch(`${base}/api/dev/outbox?to=settle%40example.com`).then((r) => r.text());
const post = (api: Api, _base: string, path: string, body: unknown) => api("POST", path, { body });

function report(name: string, c: Comparison): void {
  console.info(`timing ${name}: ${describeComparison(c)}`);
}

async function seedUsers(base: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, () => uniqueEmail("known"));
  for (const email of emails) await createVerifiedUser(base, email, strongPassword());
  return emails;
}

describe("no enumeration by response time (a statistical test)", () => {
  let known: string[] = [];

  beforeAll(async () => {
    known = await seedUsers(stacks.timing, LOGIN_PAIRS / 4);
    // The first hashes of an isolate pay for compiling and growing the WASM instance.
    for (let i = 0; i < 4; i++) await timing("POST", "/api/auth/login", { body: { email: uniqueEmail("warm"), password: strongPassword() } });
  }, 60_000);

  it("V2.2.1 login: a known address with a wrong password answers in the time of an unknown one", async () => {
    // Four failures per address stay under the throttle's free allowance.
    const samples = await samplePairs(
      LOGIN_PAIRS,
      (i) => post(timing, stacks.timing, "/api/auth/login", { email: known[i % known.length], password: strongPassword() }),
      () => post(timing, stacks.timing, "/api/auth/login", { email: uniqueEmail("nobody"), password: strongPassword() }),
      101,
      settle(stacks.timing),
    );
    expect(new Set([...samples.a, ...samples.b].map((s) => s.status))).toEqual(new Set([401]));
    const comparison = comparePaired(latencies(samples.a), latencies(samples.b));
    report("login", comparison);
    expect(indistinguishable(comparison), describeComparison(comparison)).toBe(true);
  }, 60_000);

  it("V2.2.1 register: an address with an account answers in the time of a new one", async () => {
    const samples = await samplePairs(
      REGISTER_PAIRS,
      (i) => post(timing, stacks.timing, "/api/auth/register", { email: known[i % known.length], password: strongPassword() }),
      () => post(timing, stacks.timing, "/api/auth/register", { email: uniqueEmail("new"), password: strongPassword() }),
      202,
      settle(stacks.timing),
    );
    expect(new Set([...samples.a, ...samples.b].map((s) => s.status))).toEqual(new Set([202]));
    const comparison = comparePaired(latencies(samples.a), latencies(samples.b));
    report("register", comparison);
    expect(indistinguishable(comparison), describeComparison(comparison)).toBe(true);
  }, 60_000);

  it("V2.5.6 forgot-password: an address with an account answers in the time of an unknown one", async () => {
    // Two requests per address stay under the per-address allowance.
    const addresses = await seedUsers(stacks.main, FORGOT_PAIRS / 2);
    const samples = await samplePairs(
      FORGOT_PAIRS,
      (i) => post(main, stacks.main, "/api/auth/forgot-password", { email: addresses[i % addresses.length] }),
      () => post(main, stacks.main, "/api/auth/forgot-password", { email: uniqueEmail("nobody") }),
      303,
      settle(stacks.main),
    );
    expect(new Set([...samples.a, ...samples.b].map((s) => s.status))).toEqual(new Set([202]));
    const comparison = comparePaired(latencies(samples.a), latencies(samples.b));
    report("forgot-password", comparison);
    expect(indistinguishable(comparison), describeComparison(comparison)).toBe(true);
  }, 60_000);

  it("V2.2.1 (control) the same test tells apart a login path that skips the dummy hash", async () => {
    // A malformed address is refused by the schema before any hashing: the very path an
    // unknown address would take if the dummy verify were missing.
    const samples = await samplePairs(
      16,
      () => post(timing, stacks.timing, "/api/auth/login", { email: uniqueEmail("nobody"), password: strongPassword() }),
      () => post(timing, stacks.timing, "/api/auth/login", { email: "not-an-address", password: strongPassword() }),
      404,
      settle(stacks.timing),
    );
    const comparison = comparePaired(latencies(samples.a), latencies(samples.b));
    report("control: dummy hash vs none", comparison);
    expect(indistinguishable(comparison), describeComparison(comparison)).toBe(false);
  }, 60_000);
});
