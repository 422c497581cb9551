/**
 * One bounded load run with autocannon on 127.0.0.1: a warm-up that is thrown
 * away, then a measured run (fixed duration, or a fixed number of requests with
 * a time cap). workerd's CPU time is read before and after the measured run;
 * nothing else may run against the stack meanwhile, so the CPU is this scenario's.
 */
import autocannon from "autocannon";
import { percentile } from "./lib/stats";
import { cpuMs, memory, systemTicks } from "./procfs";

export interface LoadSpec {
  label: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Per-request variation (a different cookie or body each time). */
  vary?: () => { headers?: Record<string, string>; body?: string };
  connections: number;
  warmupSeconds: number;
  /** Either a fixed duration... */
  seconds?: number;
  /** ...or a fixed number of requests (stopped anyway after `seconds` when both are given). */
  amount?: number;
  expectStatus: number;
}

export interface LoadResult {
  label: string;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  workerdCpuMs: number;
  cpuMsPerRequest: number;
  statuses: Record<string, number>;
  /** Answers other than `expectStatus`, errors and timeouts. */
  unexpected: number;
  /** Share of all CPUs busy during the run, every process on the machine counted. */
  machineBusyPct: number;
  /** workerd's VmRSS right after the run. */
  rssAfterKiB: number;
}

interface Counted { times: number[]; statuses: Record<string, number>; errors: number; seconds: number }

const REQUEST_TIMEOUT_S = 30;

function run(spec: LoadSpec, seconds: number | undefined, amount: number | undefined): Promise<Counted> {
  const counted: Counted = { times: [], statuses: {}, errors: 0, seconds: 0 };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.method ?? "GET",
        headers: spec.headers ?? {},
        connections: spec.connections,
        timeout: REQUEST_TIMEOUT_S,
        ...(amount !== undefined ? { amount } : { duration: seconds }),
        ...(spec.vary && {
          requests: [{ setupRequest: (req: Record<string, unknown>) => varied(req, spec.vary!()) }],
        }),
      },
      (error: Error | null) => {
        clearTimeout(cap);
        counted.seconds = (performance.now() - started) / 1000;
        if (error) reject(error);
        else resolve(counted);
      },
    );
    // A run bounded by `amount` still ends in bounded time.
    const cap = setTimeout(() => instance.stop(), (amount !== undefined ? (seconds ?? 60) : (seconds ?? 0) + 30) * 1000);
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      counted.times.push(ms);
      counted.statuses[status] = (counted.statuses[status] ?? 0) + 1;
    });
    instance.on("reqError", () => counted.errors++);
  });
}

function varied(req: Record<string, unknown>, change: { headers?: Record<string, string>; body?: string }) {
  const headers = { ...(req.headers as Record<string, string>), ...change.headers };
  return { ...req, headers, ...(change.body !== undefined && { body: change.body }) };
}

/** Warm-up (not counted), then the measured run; throws when nothing came back. */
export async function measureLoad(spec: LoadSpec, workerdPid: number): Promise<LoadResult> {
  if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds, undefined);
  const [cpuBefore, ticksBefore] = [cpuMs(workerdPid), systemTicks()];
  const counted = await run(spec, spec.seconds, spec.amount);
  const [cpuAfter, ticksAfter] = [cpuMs(workerdPid), systemTicks()];
  const requests = counted.times.length;
  if (requests === 0) throw new Error(`${spec.label}: no answers (${counted.errors} errors)`);
  const expected = counted.statuses[spec.expectStatus] ?? 0;
  const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
  const workerdCpuMs = cpuAfter - cpuBefore;
  return {
    label: spec.label,
    requests,
    seconds: round(counted.seconds),
    rps: round(requests / counted.seconds, 1),
    p50Ms: round(percentile(counted.times, 50)),
    p99Ms: round(percentile(counted.times, 99)),
    workerdCpuMs: round(workerdCpuMs, 0),
    cpuMsPerRequest: round(workerdCpuMs / requests, 3),
    statuses: counted.statuses,
    unexpected: requests - expected + counted.errors,
    machineBusyPct: round((100 * (ticksAfter.busy - ticksBefore.busy)) / Math.max(1, ticksAfter.total - ticksBefore.total), 0),
    rssAfterKiB: memory(workerdPid).rssKiB,
  };
}
