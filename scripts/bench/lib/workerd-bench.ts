/**
 * Times Argon2 candidates inside workerd from Node's wall clock: each request does K
 * operations; the median empty request is subtracted and the rest divided by K. Samples of
 * all candidates are taken in turn (round robin), so a change in machine load during the
 * run hits every candidate alike and the ratios stay fair.
 */
import { summarize, type Stat } from "./stats";
import { startBenchWorker, timeRequest, type RunningWorker } from "./workerd-candidate";

export interface Plan { perRequest: number; samples: number; warmupRequests: number; baselineRequests: number }

/** One sample of an operation: milliseconds per operation. */
export type Sampler = () => Promise<number>;

export interface WorkerdCandidate {
  emptyRequestMs: number;
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

async function medianEmptyRequest(worker: RunningWorker, plan: Plan): Promise<number> {
  for (let i = 0; i < plan.warmupRequests; i++) await timeRequest(worker.url, "op=empty");
  const empty: number[] = [];
  for (let i = 0; i < plan.baselineRequests; i++) empty.push((await timeRequest(worker.url, "op=empty")).ms);
  return summarize(empty).medianMs;
}

export async function openWorkerdCandidate(entry: string, ops: readonly string[], plan: Plan): Promise<WorkerdCandidate> {
  const worker = await startBenchWorker(entry);
  const { url } = worker;
  const emptyRequestMs = await medianEmptyRequest(worker, plan);
  for (const op of ops) {
    for (let i = 0; i < plan.warmupRequests; i++) await timeRequest(url, `op=${op}&n=${plan.perRequest}`);
  }
  return {
    emptyRequestMs,
    sampler: (op) => async () => {
      const { ms } = await timeRequest(url, `op=${op}&n=${plan.perRequest}`);
      return Math.max(0, ms - emptyRequestMs) / plan.perRequest;
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
export async function roundRobin(samplers: ReadonlyMap<string, Sampler>, samples: number): Promise<Map<string, Stat>> {
  const values = new Map<string, number[]>([...samplers.keys()].map((k) => [k, []]));
  for (let s = 0; s < samples; s++) {
    for (const [key, sample] of samplers) values.get(key)!.push(await sample());
  }
  return new Map([...values].map(([key, v]) => [key, summarize(v)]));
}
