/**
 * The fetch handler every benchmarked Argon2 candidate runs inside workerd. Timing happens
 * in Node (workerd's clocks stand still during pure CPU work); each request does `n` ops.
 *   GET ?op=empty            the baseline request
 *   GET ?op=hash&n=K         K hashes at the OWASP parameters; answers the last PHC string
 *   GET ?op=verify&n=K       K verifications of a stored hash (correct password)
 *   GET ?op=dummy&n=K        K dummy verifications (unknown user), when the candidate has them
 *   POST ?op=check           {phc, password} -> "true" | "false" (interoperability checks)
 *   POST ?op=hash-of         {password} -> its PHC string (interoperability checks)
 * Every answer carries `x-wasm-memory-bytes`, the candidate's linear memory after the work.
 */
import { BENCH_PASSWORD, MAX_OPS_PER_REQUEST } from "./bench-protocol";

export interface BenchCandidate {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  dummyVerify?(password: string): Promise<void>;
  memoryBytes(): number;
}

export function benchWorker(candidate: BenchCandidate): ExportedHandler {
  let stored: Promise<string> | undefined;

  async function once(op: string, i: number): Promise<string> {
    if (op === "hash") return candidate.hash(`${BENCH_PASSWORD} ${i}`);
    if (op === "verify") return String(await candidate.verify(await (stored ??= candidate.hash(BENCH_PASSWORD)), BENCH_PASSWORD));
    if (op === "dummy" && candidate.dummyVerify) return String(await candidate.dummyVerify(BENCH_PASSWORD));
    throw new Error(`unsupported op ${op}`);
  }

  async function run(op: string, n: number): Promise<string> {
    let last = "";
    for (let i = 0; i < n; i++) last = await once(op, i);
    return last;
  }

  return {
    async fetch(request) {
      const url = new URL(request.url);
      const op = url.searchParams.get("op") ?? "empty";
      const n = Math.min(Math.max(Number(url.searchParams.get("n")) || 0, 0), MAX_OPS_PER_REQUEST);
      let body = "";
      if (op === "check") {
        const { phc, password } = await request.json<{ phc: string; password: string }>();
        body = String(await candidate.verify(phc, password));
      } else if (op === "hash-of") {
        body = await candidate.hash((await request.json<{ password: string }>()).password);
      } else if (op !== "empty") {
        body = await run(op, n);
      }
      return new Response(body, { headers: { "x-wasm-memory-bytes": String(candidate.memoryBytes()) } });
    },
  };
}
