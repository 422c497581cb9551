import type { Params } from "./native-reference";
import type { Stat } from "./stats";
import type { Plan } from "./workerd-bench";

export interface Interop {
  /** @node-rs/argon2 verifies a hash the candidate made. */
  hashVerifiedByNodeRs: boolean;
  /** The candidate verifies a hash @node-rs/argon2 made... */
  verifiesNodeRsHash: boolean;
  /** ...and rejects it with a wrong password. */
  rejectsWrongPassword: boolean;
  /** The candidate's PHC string names m, t and p as configured. */
  owaspParamsInPhc: boolean;
  /** @node-rs/argon2 verifies the candidate's hash of a non-ASCII password (all its UTF-8 bytes hashed)... */
  nonAsciiVerifiedByNodeRs: boolean;
  /** ...and the candidate verifies @node-rs/argon2's hash of it. */
  verifiesNodeRsNonAscii: boolean;
}

/**
 * CPU time: Linux's count for every thread of the candidate's workerd process (native: Node's
 * main thread). A process waiting for a core accrues none, so a busy machine inflates it far
 * less than wall time.
 */
export interface CpuResult {
  hash: Stat;
  ratioToNative: number;
  verify?: Stat;
  dummyVerify?: Stat;
  emptyRequestMs?: number;
}

export interface CandidateResult {
  name: string;
  runtime: "workerd" | "node";
  module: string;
  /** Wall time, as Node's clock sees the requests. */
  hash: Stat;
  ratioToNative: number;
  cpu: CpuResult;
  verify?: Stat;
  dummyVerify?: Stat;
  emptyRequestMs?: number;
  wasmMemoryBytes?: number;
  interop?: Interop;
}

export interface Result {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string; loadAverage1m: { before: number; after: number } };
  versions: Record<string, string>;
  params: Params;
  plan: Plan;
  candidates: CandidateResult[];
  /** Every interoperability check held. */
  ok: boolean;
}

export function formatTable(result: Result): string {
  const mib = (b?: number) => (b ? (b / 2 ** 20).toFixed(1) : "-");
  const rows = result.candidates.map((c) => [
    c.name, c.runtime, c.hash.medianMs.toFixed(1), c.hash.p90Ms.toFixed(1), `${c.ratioToNative.toFixed(2)}x`,
    c.cpu.hash.medianMs.toFixed(1), c.cpu.hash.p90Ms.toFixed(1), `${c.cpu.ratioToNative.toFixed(2)}x`, mib(c.wasmMemoryBytes),
  ]);
  const header = ["candidate", "runtime", "wall ms", "wall p90", "wall vs native", "cpu ms", "cpu p90", "cpu vs native", "wasm MiB"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  const stat = (label: string, s?: Stat) => (s ? [`  ${label}: median ${s.medianMs} ms, p90 ${s.p90Ms} ms`] : []);
  const extra = result.candidates.flatMap((c) => [
    ...(c.verify || c.dummyVerify ? [c.name] : []),
    ...stat("verify (wall)", c.verify),
    ...stat("verify (cpu)", c.cpu.verify),
    ...stat("dummyVerify (wall)", c.dummyVerify),
    ...stat("dummyVerify (cpu)", c.cpu.dummyVerify),
  ]);
  const interop = result.candidates.filter((c) => c.interop).map((c) => `  ${c.name}: ${JSON.stringify(c.interop)}`);
  const { memoryKiB: m, iterations: t, parallelism: p } = result.params;
  const { machine: mc, plan } = result;
  return [
    `Argon2id m=${m} KiB, t=${t}, p=${p}; ${plan.samples} round-robin samples of ${plan.perRequest} operations each`,
    `${mc.cpu} (${mc.cores} cores), ${mc.os}, Node ${mc.node}, load ${mc.loadAverage1m.before} -> ${mc.loadAverage1m.after}`,
    line(header),
    ...rows.map(line),
    ...extra,
    "interoperability:",
    ...interop,
  ].join("\n");
}
