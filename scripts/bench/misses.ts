/** What bounds each missed target, in words computed from the run's own rows. */
import type { HotPathId } from "./hot-path";
import { coresBusyPct } from "./npm-test";
import { hotPathRows, LIMITS, targets, type BenchResult } from "./result";

export function missesSection(r: BenchResult): string[] {
  const rows = new Map(hotPathRows(r.hotPath).map((row) => [row.id, row]));
  const ms = (id: HotPathId) => rows.get(id)?.cpuMsPerRequest ?? NaN;
  /** What `id` costs above `base`, in ms to the microsecond. */
  const above = (id: HotPathId, base: HotPathId) => Math.round((ms(id) - ms(base)) * 1000) / 1000;
  const missed = targets(r).filter((t) => t.pass === false).map((t) => t.target);
  const lines: string[] = [];
  const hop = above("userDirect", "variant");
  if (missed.some((t) => t.startsWith("session check") || t.startsWith("same,"))) {
    lines.push(
      `- **The session check targets** are bounded by the RPC hop to the session Worker (${hop} ms here, the "RPC hop" row) on top of a check that is itself close to the floor: the same code without the hop (the variant) costs ${rows.get("variant")?.cpuVsFloor}x the floor. Meeting 1.25x and 1.2x would take dropping the hop, that is giving KV to every Worker that reads sessions, which [decisions/0002-session-check-path.md](decisions/0002-session-check-path.md) keeps for one owner of the store and least privilege. The role map's second key, what each check paid before (${above("floorRoles", "floor")} ms, the reference row), is gone ([decisions/0012-role-map-cached-per-isolate.md](decisions/0012-role-map-cached-per-isolate.md)).`,
    );
  }
  if (missed.some((t) => t.startsWith("same, real path through the gateway"))) {
    const gateway = above("gatewayOnly", "userDirect");
    lines.push(
      `- **The gateway target** adds a second fixed hop to the first: the gateway Worker's invocation and its service-binding fetch (${gateway} ms here, the "gateway Worker" row) on top of the RPC hop (${hop} ms). Both are fixed costs, so they weigh more the cheaper the floor is: the floor is ${ms("floor")} ms per request in this run. On the default path, meeting 1.5x would take dropping that hop; a stack with a custom domain can, with the \`apiRoute\` setting ([decisions/0013-gateway-only-where-needed.md](decisions/0013-gateway-only-where-needed.md)): a Workers route sends \`/api/*\` to the user Worker without the Pages Function, the user Worker direct row, ${rows.get("userDirect")?.cpuVsFloor}x the floor here.`,
    );
  }
  if (missed.some((t) => t.startsWith("Argon2id"))) {
    lines.push(
      "- **Argon2id** is bounded by WebAssembly's 128-bit SIMD against native code's 256-bit AVX2 (two 64-bit lanes against four); the same `.wasm` run from Node is already about 2.4x native. Five other WASM builds were measured and are slower; 2x would take 256-bit SIMD in WebAssembly, hashing outside the Worker, or parameters below OWASP's, which the project refuses ([decisions/0001-password-hashing.md](decisions/0001-password-hashing.md)).",
    );
  }
  if (missed.some((t) => t.startsWith("npm test")) && r.npmTest) {
    const { seconds, cpuSeconds } = r.npmTest;
    const cores = r.machine.cores;
    lines.push(
      `- **npm test** is bounded by CPU: its processes used ${cpuSeconds} s of CPU, ${Math.round(cpuSeconds / cores)} s on ${cores} cores even with no core ever idle, against ${seconds} s of wall time (the cores were busy ${coresBusyPct(r.npmTest, cores)}% of it; the rest is files waiting on browsers, timers and a group's last file). Part of the CPU is start-up, paid per file: every Worker test file gets its own workerd and module graph, the browser tests a Chromium per file with a page load per step, the security suite its own stacks; the type check and the generated-files check run beside the suites. Meeting ${LIMITS.npmTestSeconds} s on this machine would take fewer files (tests merged into the files that already start a Worker), a lighter browser suite, or more cores: vitest runs as many files at once as there are cores.`,
    );
  }
  return lines.length === 0 ? [] : ["## What bounds the misses", "", ...lines, ""];
}
