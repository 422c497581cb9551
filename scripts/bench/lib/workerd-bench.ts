/**
 * Times Argon2 candidates inside workerd from Node's wall clock and from the CPU time Linux
 * counts for the candidate's workerd process: each request does K operations; the median
 * empty request is subtracted and the rest divided by K. Samples of all candidates are taken
 * in turn (round robin), so a change in machine load during the run hits every candidate
 * alike. Wall time still grows with the load (a process waiting for a core); CPU time does not.
 */
import { newWorkerd, threadsCpuMs, workerdChildren } from "./cpu-time";
import { summarize, type Stat } from "./stats";
import { startBenchWorker, timeRequest, type RunningWorker } from "./workerd-candidate";

export interface Plan { perRequest: number; samples: number; warmupRequests: number; baselineRequests: number }

/** One sample of an operation: wall-clock and CPU milliseconds per operation. */
export type Sampler = () => Promise<{ wallMs: number; cpuMs: number }>;
export interface Stats { wall: Stat; cpu: Stat }

export interface WorkerdCandidate {
  emptyRequestMs: number;
  emptyRequestCpuMs: number;
  sampler(op: string): Sampler;
  /**
   * A PHC string made from `${BENCH_PASSWORD} 0`, the candidate's PHC strings of `passwords`,
   * its answers to `checks`, and its memory after.
   */
  finish(
    checks: ReadonlyArray<{ phc: string; password: string }>,
    passwords: readonly string[],
  ): Promise<{ samplePhc: string; hashed: string[]; checked: boolean[]; wasmMemoryBytes: number }>;
  close(): Promise<void>;
}

/** Wall-clock and CPU milliseconds of one request to the workerd process `pid`. */
async function timeBoth(pid: number, url: URL, query: string): Promise<{ wallMs: number; cpuMs: number }> {
  const cpuBefore = threadsCpuMs(pid);
  const { ms } = await timeRequest(url, query);
  return { wallMs: ms, cpuMs: threadsCpuMs(pid) - cpuBefore };
}

async function medianEmptyRequest(pid: number, url: URL, plan: Plan): Promise<{ wallMs: number; cpuMs: number }> {
  for (let i = 0; i < plan.warmupRequests; i++) await timeRequest(url, "op=empty");
  const empty: Array<{ wallMs: number; cpuMs: number }> = [];
  for (let i = 0; i < plan.baselineRequests; i++) empty.push(await timeBoth(pid, url, "op=empty"));
  return { wallMs: summarize(empty.map((e) => e.wallMs)).medianMs, cpuMs: summarize(empty.map((e) => e.cpuMs)).medianMs };
}

export async function openWorkerdCandidate(entry: string, ops: readonly string[], plan: Plan): Promise<WorkerdCandidate> {
  const before = workerdChildren();
  const worker = await startBenchWorker(entry);
  const { url } = worker;
  const pid = newWorkerd(before);
  const empty = await medianEmptyRequest(pid, url, plan);
  for (const op of ops) {
    for (let i = 0; i < plan.warmupRequests; i++) await timeRequest(url, `op=${op}&n=${plan.perRequest}`);
  }
  const perOp = (ms: number, emptyMs: number) => Math.max(0, ms - emptyMs) / plan.perRequest;
  return {
    emptyRequestMs: empty.wallMs,
    emptyRequestCpuMs: empty.cpuMs,
    sampler: (op) => async () => {
      const { wallMs, cpuMs } = await timeBoth(pid, url, `op=${op}&n=${plan.perRequest}`);
      return { wallMs: perOp(wallMs, empty.wallMs), cpuMs: perOp(cpuMs, empty.cpuMs) };
    },
    async finish(checks, passwords) {
      const sample = await timeRequest(url, "op=hash&n=1");
      const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });
      const checked: boolean[] = [];
      for (const check of checks) checked.push((await timeRequest(url, "op=check", post(check))).body === "true");
      const hashed: string[] = [];
      for (const password of passwords) hashed.push((await timeRequest(url, "op=hash-of", post({ password }))).body);
      const wasmMemoryBytes = Number(sample.res.headers.get("x-wasm-memory-bytes"));
      return { samplePhc: sample.body, hashed, checked, wasmMemoryBytes };
    },
    close: () => worker.close(),
  };
}

/** Takes `samples` rounds; each round takes one sample of every sampler, in order. */
export async function roundRobin(samplers: ReadonlyMap<string, Sampler>, samples: number): Promise<Map<string, Stats>> {
  const values = new Map<string, Array<{ wallMs: number; cpuMs: number }>>([...samplers.keys()].map((k) => [k, []]));
  for (let s = 0; s < samples; s++) {
    for (const [key, sample] of samplers) values.get(key)!.push(await sample());
  }
  const stats = (v: Array<{ wallMs: number; cpuMs: number }>) => ({
    wall: summarize(v.map((x) => x.wallMs)),
    cpu: summarize(v.map((x) => x.cpuMs)),
  });
  return new Map([...values].map(([key, v]) => [key, stats(v)]));
}
