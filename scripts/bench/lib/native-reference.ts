/**
 * Candidate (c): native Argon2id in Node through @node-rs/argon2, the ratio baseline. Also
 * the independent judge of interoperability: it must verify what the WASM candidates made.
 */
import { hashSync, verifySync } from "@node-rs/argon2";
import { mainThreadCpuMs } from "./cpu-time";
import type { Sampler } from "./workerd-bench";

// @node-rs/argon2 declares Algorithm as a const enum, which isolated transpilation cannot read.
const ARGON2ID = 2;

export interface Params { memoryKiB: number; iterations: number; parallelism: number }

export function nativeHash(password: string, params: Params): string {
  return hashSync(password, {
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    algorithm: ARGON2ID as never,
  });
}

export function nativeVerify(phc: string, password: string): boolean {
  return verifySync(phc, password);
}

/** A sampler of `perSample` back-to-back hashes, after `warmup` unmeasured ones. */
export function nativeSampler(params: Params, perSample: number, warmup: number): Sampler {
  for (let i = 0; i < warmup; i++) nativeHash(`warm up ${i}`, params);
  return async () => {
    const [started, cpuBefore] = [performance.now(), mainThreadCpuMs()];
    for (let i = 0; i < perSample; i++) nativeHash(`correct horse battery staple ${i}`, params);
    return { wallMs: (performance.now() - started) / perSample, cpuMs: (mainThreadCpuMs() - cpuBefore) / perSample };
  };
}
