/**
 * The session check and its references, run one after another in many short
 * rounds (each scenario once per round), so a change in machine load during the
 * run hits every scenario alike: on a shared machine, other processes raise
 * workerd's CPU time per request by up to half. All of them run in the one
 * workerd process of the stack.
 */
import type { Miniflare } from "miniflare";
import { assertSameAnswers, issueTokens, seedFloor, seedSessionData, touchInterval } from "./hot-path-setup";
import { measureLoad, type LoadResult } from "./load";
import { cpuMs } from "./procfs";
import { REFERENCE } from "./reference-workers";
import { SESSION_COOKIE, type Account } from "./seed";

const CHECK = "/api/auth/session";
const TOKEN = "/api/auth/token";

export const HOT_PATH = [
  { id: "bare", label: "bare Worker (runtime fixed cost)", path: "/", worker: REFERENCE.bare, data: false },
  { id: "floor", label: "floor: Hono + cookie + one KV get", path: CHECK, worker: REFERENCE.floor, data: false },
  { id: "floorRoles", label: "floor + role map: one bulk KV read of two keys", path: CHECK, worker: REFERENCE.floorRoles, data: false },
  { id: "variant", label: "variant: user app reads KV itself (no RPC)", path: CHECK, worker: REFERENCE.variant, data: false },
  { id: "userDirect", label: "session check, user Worker direct (the real API path with `apiRoute`)", path: CHECK, worker: "workers-users-user", data: false },
  { id: "gatewayOnly", label: "session check, gateway Worker without asset routing", path: CHECK, worker: REFERENCE.gateway, data: false },
  { id: "session", label: "session check, real path (gateway)", path: CHECK, worker: undefined, data: false },
  { id: "page", label: "page GET /login, real path (static file: _routes.json keeps the gateway out)", path: "/login", worker: undefined, data: false },
  { id: "consumer", label: "shared middleware only (consumer)", path: "/example/notes", worker: REFERENCE.consumer, data: false },
  { id: "exampleNotes", label: "example GET /example/notes (gateway, +D1)", path: "/example/notes", worker: undefined, data: false },
  { id: "variantTouch", label: "variant, sessions older than the touch interval (1 s: each writes its sliding expiry once a second)", path: CHECK, worker: REFERENCE.variantTouch, data: false },
  { id: "variantData", label: "variant, sessions holding app data", path: CHECK, worker: REFERENCE.variant, data: true },
  { id: "userDirectData", label: "user Worker direct, sessions holding app data", path: CHECK, worker: "workers-users-user", data: true },
  { id: "tokenIssue", label: "token issued, user Worker direct (strict check + EdDSA signature)", path: TOKEN, worker: "workers-users-user", data: false },
  { id: "tokenVerify", label: "token verified by a service (cached JWKS, no session Worker)", path: "/", worker: REFERENCE.tokenVerify, data: false },
] as const;

/** What each request of a scenario carries: the session cookie, or a token issued before the runs. */
function credentials(id: HotPathId, accounts: Account[]): () => { headers: Record<string, string> } {
  if (id !== "tokenVerify") return cookies(accounts);
  let next = 0;
  return () => ({ headers: { Authorization: `Bearer ${accounts[next++ % accounts.length]!.accessToken}` } });
}

export type HotPathId = (typeof HOT_PATH)[number]["id"];

export interface HotPathPlan { rounds: number; warmupSeconds: number; seconds: number; connections: number; dataBytes: number; dataAccounts: number }

export interface HotPathResult {
  plan: HotPathPlan;
  /** Bytes of the real session records (without app data) the floor's copies are made from. */
  recordBytes: { min: number; max: number };
  /** Serialised bytes of the app data in the sessions of the `...Data` scenarios. */
  sessionDataBytes: number;
  /** workerd CPU while nothing is sent, ms per second (background work). */
  idleCpuMsPerSecond: number;
  rounds: Array<Record<HotPathId, LoadResult>>;
  /** Age of the oldest session when the last run ended; below the touch interval no run wrote a sliding-expiry update. */
  sessionAgeSeconds: number;
  touchIntervalSeconds: number;
}

async function idleCpu(pid: number, seconds: number): Promise<number> {
  const before = cpuMs(pid);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return Math.round(((cpuMs(pid) - before) / seconds) * 10) / 10;
}

/** Each call answers the cookie of the next account of the list, round robin. */
function cookies(accounts: Account[]): () => { headers: Record<string, string> } {
  let next = 0;
  return () => ({ headers: { Cookie: `${SESSION_COOKIE}=${accounts[next++ % accounts.length]!.token}` } });
}

/** `sessionsSince`: performance.now() when the accounts' sessions began to be made. */
export async function benchHotPath(
  stack: { url: string; miniflare: Miniflare; workerdPid: number },
  accounts: Account[],
  sessionsSince: number,
  plan: HotPathPlan,
  log: (line: string) => void,
): Promise<HotPathResult> {
  const [plain, withData] = [accounts.slice(0, -plan.dataAccounts), accounts.slice(-plan.dataAccounts)];
  const recordBytes = await seedFloor(stack.miniflare, plain);
  const sessionDataBytes = await seedSessionData(stack.url, withData, plan.dataBytes);
  await assertSameAnswers(stack.url, [plain[0]!.token, withData[0]!.token]);
  await issueTokens(stack.url, plain);
  const idleCpuMsPerSecond = await idleCpu(stack.workerdPid, 2);
  log(`session records ${recordBytes.min}-${recordBytes.max} bytes (${sessionDataBytes} bytes of app data in ${withData.length} of them); idle workerd CPU ${idleCpuMsPerSecond} ms/s`);
  const rounds: HotPathResult["rounds"] = [];
  for (let round = 0; round < plan.rounds; round++) {
    const results = {} as Record<HotPathId, LoadResult>;
    for (const scenario of HOT_PATH) {
      const result = await measureLoad(
        {
          label: scenario.label,
          url: `${stack.url}${scenario.path}`,
          method: scenario.path === TOKEN ? "POST" : "GET",
          headers: scenario.worker ? { "MF-Route-Override": scenario.worker } : {},
          vary: credentials(scenario.id, scenario.data ? withData : plain),
          connections: plan.connections,
          // Only the first round warms up: short slices in quick turns meet the same load from the rest of the machine.
          warmupSeconds: round === 0 ? plan.warmupSeconds : 0,
          seconds: plan.seconds,
          expectStatus: 200,
        },
        stack.workerdPid,
      );
      results[scenario.id] = result;
      log(`round ${round + 1}/${plan.rounds} ${scenario.label}: ${result.rps} req/s, ${result.cpuMsPerRequest} ms CPU/req, p50 ${result.p50Ms} ms${result.unexpected ? `, ${result.unexpected} unexpected answers` : ""}`);
    }
    rounds.push(results);
  }
  const sessionAgeSeconds = Math.round((performance.now() - sessionsSince) / 1000);
  return { plan, recordBytes, sessionDataBytes, idleCpuMsPerSecond, rounds, sessionAgeSeconds, touchIntervalSeconds: touchInterval() };
}

/** All rounds of one scenario as one: totals over totals; p50/p99 the mean of the rounds'. */
export function combined(result: HotPathResult, id: HotPathId) {
  const runs = result.rounds.map((r) => r[id]);
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  const requests = sum((r) => r.requests);
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  const mean = (f: (r: LoadResult) => number) => round(sum(f) / runs.length, 2);
  return {
    requests,
    rps: round(requests / sum((r) => r.seconds), 1),
    cpuMsPerRequest: round(sum((r) => r.workerdCpuMs) / requests, 3),
    p50Ms: mean((r) => r.p50Ms),
    p99Ms: mean((r) => r.p99Ms),
    unexpected: sum((r) => r.unexpected),
    machineBusyPct: mean((r) => r.machineBusyPct),
  };
}
