/** The whole benchmark's result, and the targets judged against it. */
import type { Result as Argon2Result } from "./argon2";
import type { BundleSize } from "./bundles";
import { combined, type HotPathId, type HotPathResult } from "./hot-path";
import type { LoginPlan, LoginResult } from "./logins";
import type { Machine } from "./machine";
import type { NpmTestResult } from "./npm-test";

export interface BenchResult {
  date: string;
  command: string;
  quick: boolean;
  machine: Machine;
  loadAverage1m: { before: number; after: number };
  versions: Record<string, string>;
  durationSeconds: number;
  workerdRssKiB: { afterStart: number; afterSeeding: number; afterHotPath: number };
  accounts: number;
  hotPath: HotPathResult;
  loginPlan: LoginPlan;
  logins: LoginResult;
  argon2: Argon2Result;
  bundles: BundleSize[];
  npmTest: NpmTestResult | null;
}

export interface Target { target: string; limit: string; seen: string; pass: boolean | null }

export const LIMITS = {
  directCpuRatio: 1.25,
  consumerCpuRatio: 1.2,
  gatewayCpuRatio: 1.5,
  argon2Ratio: 2,
  loginRiseMB: 64,
  scriptGzipBytes: 100_000,
  npmTestSeconds: 180,
} as const;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Each scenario's totals and its ratios to the floor (CPU per request, requests/s). */
export function hotPathRows(result: HotPathResult) {
  const floor = combined(result, "floor");
  return result.rounds[0] === undefined
    ? []
    : (Object.keys(result.rounds[0]) as HotPathId[]).map((id) => {
        const c = combined(result, id);
        return { id, label: result.rounds[0]![id].label, ...c, cpuVsFloor: round(c.cpuMsPerRequest / floor.cpuMsPerRequest), rpsVsFloor: round(c.rps / floor.rps) };
      });
}

export function targets(r: BenchResult): Target[] {
  const rows = new Map(hotPathRows(r.hotPath).map((row) => [row.id, row]));
  const floorMs = rows.get("floor")!.cpuMsPerRequest;
  const ratio = (id: HotPathId, limit: number, target: string): Target => {
    const row = rows.get(id)!;
    return { target, limit: `<= ${limit}x`, seen: `${row.cpuVsFloor}x (${row.cpuMsPerRequest} vs ${floorMs} ms)`, pass: row.cpuVsFloor <= limit };
  };
  const ours = r.argon2.candidates.find((c) => c.runtime === "workerd")!;
  const riseMB = round((r.logins.memory.riseKiB * 1024) / 1e6, 1);
  const list: Target[] = [
    ratio("userDirect", LIMITS.directCpuRatio, "session check CPU/request vs floor, user Worker direct (cookie, user Worker, RPC, session Worker, KV, security headers)"),
    ratio("consumer", LIMITS.consumerCpuRatio, "same, the shared middleware in a consumer Worker (service binding, session Worker, KV)"),
    ratio("gatewayOnly", LIMITS.gatewayCpuRatio, "same, real path through the gateway, Miniflare's local asset routing excluded"),
    ratio("userDirect", LIMITS.gatewayCpuRatio, "same, real API path of a stack with `apiRoute` (a Workers route to the user Worker, which sets the security headers itself): the user Worker direct row"),
    { target: `Argon2id per hash in workerd vs native, CPU time (${ours.name})`, limit: `<= ${LIMITS.argon2Ratio}x`, seen: `${ours.cpu.ratioToNative}x (${ours.cpu.hash.medianMs} vs ${r.argon2.candidates.find((c) => c.runtime === "node")!.cpu.hash.medianMs} ms)`, pass: ours.cpu.ratioToNative <= LIMITS.argon2Ratio },
    { target: `workerd RSS rise during ${r.logins.memory.concurrentLogins} concurrent logins`, limit: `<= ${LIMITS.loginRiseMB} MB`, seen: `${riseMB} MB`, pass: riseMB <= LIMITS.loginRiseMB },
    ...r.bundles.map((b) => ({
      target: `${b.worker} script gzip, without .wasm`,
      limit: `<= ${LIMITS.scriptGzipBytes.toLocaleString("en")} B`,
      seen: `${b.scriptGzipBytes.toLocaleString("en")} B`,
      pass: b.scriptGzipBytes <= LIMITS.scriptGzipBytes,
    })),
    npmTestTarget(r.npmTest),
  ];
  return list;
}

/**
 * The time counts when every suite ran to its end, failing tests or not (they are
 * named beside it); a run stopped early, by the type check say, says nothing.
 */
function npmTestTarget(t: NpmTestResult | null): Target {
  const base = { target: "npm test wall time", limit: `< ${LIMITS.npmTestSeconds} s` };
  if (t === null) return { ...base, seen: "not run (pass --npm-test)", pass: null };
  if (t.tests === null) return { ...base, seen: `stopped after ${t.seconds} s (exit ${t.exitCode}) before the suites ran: no timing`, pass: null };
  return { ...base, seen: `${t.seconds} s, ${t.cpuSeconds} s of CPU (${t.tests}; exit ${t.exitCode})`, pass: t.seconds < LIMITS.npmTestSeconds };
}

export const verdict = (pass: boolean | null) => (pass === null ? "n/a" : pass ? "pass" : "MISS");
