/**
 * Argon2id per-hash time at the OWASP parameters on this machine, for each candidate inside
 * workerd (every .wasm imported as a compiled module): our binding of @phi-ag/argon2's wasm,
 * argon2-browser 1.18.0 (SIMD and baseline builds), hash-wasm 4.13.0's wasm (extracted at
 * build time) through our binding, argon2-wasm-edge 1.0.23 and argon2id 1.0.1 (SIMD); native
 * @node-rs/argon2 in Node is the ratio baseline. Also checks that every WASM candidate's
 * hashes verify natively and the native ones verify in WASM, a non-ASCII password included.
 *
 *   npx tsx scripts/bench/argon2.ts            # print the table
 *   npx tsx scripts/bench/argon2.ts --write    # also write docs/decisions/argon2-bench.json
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable, type CandidateResult, type Interop, type Result } from "./lib/argon2-result";
import { BENCH_PASSWORD, NON_ASCII_PASSWORD } from "./lib/bench-protocol";
import { nativeHash, nativeSampler, nativeVerify, type Params } from "./lib/native-reference";
import type { Stat } from "./lib/stats";
import { openWorkerdCandidate, roundRobin, type Plan, type Sampler, type Stats, type WorkerdCandidate } from "./lib/workerd-bench";

export type { Result } from "./lib/argon2-result";
export { formatTable } from "./lib/argon2-result";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = join(ROOT, "docs", "decisions", "argon2-bench.json");

/** Must equal OWASP_ARGON2 in workers/user/src/password/hasher.ts; every PHC is checked for it. */
export const OWASP: Params = { memoryKiB: 19456, iterations: 2, parallelism: 1 };
export const PLAN: Plan = { perRequest: 5, samples: 30, warmupRequests: 2, baselineRequests: 15 };

const CANDIDATES = [
  { name: "ours: @phi-ag/argon2 wasm, own binding", entry: "argon2-ours.worker.ts", module: "@phi-ag/argon2/argon2.wasm (SIMD)", ops: ["hash", "verify", "dummy"] },
  { name: "argon2-browser, SIMD build", entry: "argon2-browser-simd.worker.ts", module: "argon2-browser/dist/argon2-simd.wasm", ops: ["hash"] },
  { name: "argon2-browser, baseline build", entry: "argon2-browser-baseline.worker.ts", module: "argon2-browser/dist/argon2.wasm (no SIMD)", ops: ["hash"] },
  { name: "hash-wasm wasm, own binding", entry: "hash-wasm.worker.ts", module: "hash-wasm argon2 + blake2b wasm (extracted, no SIMD)", ops: ["hash", "verify"] },
  { name: "argon2-wasm-edge, its own JS", entry: "argon2-wasm-edge.worker.ts", module: "argon2-wasm-edge/wasm/argon2.wasm + blake2b.wasm (no SIMD)", ops: ["hash"] },
  { name: "argon2id (OpenPGP.js), SIMD build", entry: "argon2id-openpgp.worker.ts", module: "argon2id/dist/simd.wasm", ops: ["hash"] },
] as const;
const NATIVE = { name: "native: @node-rs/argon2 in Node", module: "@node-rs/argon2 (Rust argon2 crate)" };
const PARAMS_IN_PHC = `$m=${OWASP.memoryKiB},t=${OWASP.iterations},p=${OWASP.parallelism}$`;

function version(pkg: string): string {
  return JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}

function machine(loadBefore: number): Result["machine"] {
  const cores = cpus();
  const os = `${type()} ${release()}`;
  const loadAverage1m = { before: loadBefore, after: Math.round(loadavg()[0]! * 100) / 100 };
  return { cpu: cores[0]?.model ?? "unknown", cores: cores.length, memoryGiB: Math.round(totalmem() / 2 ** 30), os, node: process.version, loadAverage1m };
}

async function interopAndMemory(w: WorkerdCandidate): Promise<{ interop: Interop; wasmMemoryBytes: number }> {
  const nodePhc = nativeHash(BENCH_PASSWORD, OWASP);
  const nonAsciiPhc = nativeHash(NON_ASCII_PASSWORD, OWASP);
  const checks = [
    { phc: nodePhc, password: BENCH_PASSWORD },
    { phc: nodePhc, password: `${BENCH_PASSWORD}!` },
    { phc: nonAsciiPhc, password: NON_ASCII_PASSWORD },
  ];
  const done = await w.finish(checks, [NON_ASCII_PASSWORD]);
  const interop = {
    hashVerifiedByNodeRs: nativeVerify(done.samplePhc, `${BENCH_PASSWORD} 0`),
    verifiesNodeRsHash: done.checked[0] === true,
    rejectsWrongPassword: done.checked[1] === false,
    owaspParamsInPhc: done.samplePhc.includes(PARAMS_IN_PHC),
    nonAsciiVerifiedByNodeRs: nativeVerify(done.hashed[0]!, NON_ASCII_PASSWORD),
    verifiesNodeRsNonAscii: done.checked[2] === true,
  };
  return { interop, wasmMemoryBytes: done.wasmMemoryBytes };
}

async function measure(workers: WorkerdCandidate[], plan: Plan): Promise<Map<string, Stats>> {
  const samplers = new Map<string, Sampler>([["native/hash", nativeSampler(OWASP, plan.perRequest, plan.warmupRequests * plan.perRequest)]]);
  CANDIDATES.forEach((c, i) => c.ops.forEach((op) => samplers.set(`${i}/${op}`, workers[i]!.sampler(op))));
  return roundRobin(samplers, plan.samples);
}

/** Runs every candidate (under two minutes with PLAN on 2 cores at load 8 to 16) and returns the numbers. */
export async function benchArgon2(plan: Plan = PLAN): Promise<Result> {
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  const workers: WorkerdCandidate[] = [];
  try {
    for (const c of CANDIDATES) workers.push(await openWorkerdCandidate(join(ROOT, "scripts", "bench", "lib", c.entry), c.ops, plan));
    const stats = await measure(workers, plan);
    const native = stats.get("native/hash")!;
    const ratio = (s: Stat, to: Stat) => Math.round((s.medianMs / to.medianMs) * 100) / 100;
    const candidates: CandidateResult[] = [];
    for (const [i, c] of CANDIDATES.entries()) {
      const hash = stats.get(`${i}/hash`)!;
      const [verify, dummyVerify] = [stats.get(`${i}/verify`), stats.get(`${i}/dummy`)];
      const cpu = {
        hash: hash.cpu, ratioToNative: ratio(hash.cpu, native.cpu), emptyRequestMs: workers[i]!.emptyRequestCpuMs,
        ...(verify && { verify: verify.cpu }), ...(dummyVerify && { dummyVerify: dummyVerify.cpu }),
      };
      candidates.push({
        name: c.name, runtime: "workerd", module: c.module, hash: hash.wall, ratioToNative: ratio(hash.wall, native.wall),
        ...(verify && { verify: verify.wall }), ...(dummyVerify && { dummyVerify: dummyVerify.wall }),
        emptyRequestMs: workers[i]!.emptyRequestMs, cpu, ...(await interopAndMemory(workers[i]!)),
      });
    }
    candidates.push({ ...NATIVE, runtime: "node", hash: native.wall, ratioToNative: 1, cpu: { hash: native.cpu, ratioToNative: 1 } });
    const ok = candidates.every((c) => !c.interop || Object.values(c.interop).every(Boolean));
    const versions = Object.fromEntries(
      ["@phi-ag/argon2", "argon2-browser", "hash-wasm", "argon2-wasm-edge", "argon2id", "@node-rs/argon2", "miniflare", "workerd", "esbuild"].map((p) => [p, version(p)]),
    );
    const command = "npx tsx scripts/bench/argon2.ts";
    return { date: new Date().toISOString(), command, machine: machine(loadBefore), versions, params: OWASP, plan, candidates, ok };
  } finally {
    for (const w of workers) await w.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchArgon2();
  console.log(formatTable(result));
  if (process.argv.includes("--write")) {
    await writeFile(OUT, `${JSON.stringify({ ...result, command: `${result.command} --write` }, null, 2)}\n`);
    console.log(`wrote ${OUT}`);
  }
  if (!result.ok) {
    console.error("interoperability check failed: see the interoperability lines above");
    process.exitCode = 1;
  }
}
