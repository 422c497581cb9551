/**
 * Logins through the real path: workerd's memory during 16 concurrent ones
 * (right after seeding, before any other load), and correct, failed and unknown-email logins under bounded load. Each
 * account is sent 3 failures (autocannon may build a request per connection it
 * never sends, so one may see a 4th); the throttle waits only after the 4th,
 * so the failed-login numbers are 401s, not 429s.
 */
import { randomUUID } from "node:crypto";
import { measureLoad, type LoadResult } from "./load";
import { memory, resetPeak, sampleRss } from "./procfs";
import { signIn, type Account } from "./seed";

export const FAILURES_PER_ACCOUNT = 3;
export const CONCURRENT_LOGINS = 16;

export interface LoginPlan { connections: number; warmupSeconds: number; maxSeconds: number }

export interface MemoryResult {
  concurrentLogins: number;
  rssBeforeKiB: number;
  /** Highest VmRSS sampled every 5 ms during the burst. */
  rssPeakSampledKiB: number;
  /** VmHWM after the burst, reset just before it (null when the kernel refused the reset). */
  hwmAfterKiB: number | null;
  riseKiB: number;
  burstMs: number;
}

export interface LoginResult { memory: MemoryResult; correct: LoadResult; failed: LoadResult; unknown: LoadResult }

/** workerd's memory before and during 16 concurrent correct logins of different accounts. */
export async function loginMemory(base: string, accounts: Account[], pid: number, log: (line: string) => void): Promise<MemoryResult> {
  if (accounts.length < CONCURRENT_LOGINS) throw new Error(`need ${CONCURRENT_LOGINS} accounts for the memory burst`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssBeforeKiB = memory(pid).rssKiB;
  const peakReset = resetPeak(pid);
  const sampler = sampleRss(pid, 5);
  const started = performance.now();
  await Promise.all(accounts.slice(0, CONCURRENT_LOGINS).map((a) => signIn(base, a.email, a.password)));
  const burstMs = Math.round(performance.now() - started);
  const { peakKiB } = sampler.stop();
  const hwmAfterKiB = peakReset ? memory(pid).hwmKiB : null;
  const highest = Math.max(peakKiB, hwmAfterKiB ?? 0);
  const result = { concurrentLogins: CONCURRENT_LOGINS, rssBeforeKiB, rssPeakSampledKiB: peakKiB, hwmAfterKiB, riseKiB: highest - rssBeforeKiB, burstMs };
  log(`${CONCURRENT_LOGINS} concurrent logins: RSS ${Math.round(rssBeforeKiB / 1024)} MiB, peak +${(result.riseKiB / 1024).toFixed(1)} MiB, ${burstMs} ms`);
  return result;
}

function loginSpec(base: string, label: string, plan: LoginPlan, body: () => unknown) {
  return {
    label,
    url: `${base}/api/auth/login`,
    method: "POST" as const,
    headers: { "Content-Type": "application/json", Origin: base },
    vary: () => ({ body: JSON.stringify(body()) }),
    connections: plan.connections,
    seconds: plan.maxSeconds,
  };
}

/** Correct, failed and unknown-email logins under bounded load, one after another. */
export async function benchLogins(base: string, pid: number, accounts: Account[], plan: LoginPlan, log: (line: string) => void): Promise<Omit<LoginResult, "memory">> {
  const amount = accounts.length * FAILURES_PER_ACCOUNT;
  let i = 0;
  const account = () => accounts[i++ % accounts.length]!;
  const report = (r: LoadResult) =>
    log(`${r.label}: ${r.requests} in ${r.seconds} s, ${r.rps} req/s, ${r.cpuMsPerRequest} ms CPU/req, p50 ${r.p50Ms} ms, statuses ${JSON.stringify(r.statuses)}`);

  const correctSpec = loginSpec(base, "login, correct password", plan, () => (({ email, password }) => ({ email, password }))(account()));
  const correct = await measureLoad({ ...correctSpec, warmupSeconds: plan.warmupSeconds, amount, expectStatus: 200 }, pid);
  report(correct);
  // A correct login clears the throttle; from here on each account gets 3 failures, no warm-up.
  i = 0;
  const failedSpec = loginSpec(base, "login, wrong password", plan, () => ({ email: account().email, password: "not the bench password" }));
  const failed = await measureLoad({ ...failedSpec, warmupSeconds: 0, amount, expectStatus: 401 }, pid);
  report(failed);
  const unknownSpec = loginSpec(base, "login, unknown email", plan, () => ({ email: `nobody-${randomUUID()}@bench.example.com`, password: "not the bench password" }));
  const unknown = await measureLoad({ ...unknownSpec, warmupSeconds: plan.warmupSeconds, amount, expectStatus: 401 }, pid);
  report(unknown);
  return { correct, failed, unknown };
}
