/** The rows every table of the report is made of, shared by the console and Markdown forms. */
import { hotPathRows, targets, verdict, type BenchResult } from "./result";
import type { HotPathId } from "./hot-path";
import type { LoadResult } from "./load";
import type { Cell } from "./table";

type Section = { header: string[]; rows: Cell[][] };

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

export function hotPathSection(r: BenchResult): Section {
  return {
    header: ["scenario", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "CPU vs floor", "req/s vs floor", "requests", "unexpected", "machine busy %"],
    rows: hotPathRows(r.hotPath).map((row) => [
      row.label, row.rps, row.p50Ms, row.p99Ms, row.cpuMsPerRequest, `${row.cpuVsFloor}x`, `${row.rpsVsFloor}x`, row.requests, row.unexpected, row.machineBusyPct,
    ]),
  };
}

/** How steady each scenario was over the rounds (every round's numbers are in the JSON). */
export function roundsSection(r: BenchResult): Section {
  const ids = Object.keys(r.hotPath.rounds[0] ?? {}) as HotPathId[];
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted[0]!, sorted[Math.floor((sorted.length - 1) / 2)]!, sorted.at(-1)!];
  };
  return {
    header: ["scenario", "CPU ms/req min", "median", "max", "machine busy % min", "max"],
    rows: ids.map((id) => {
      const runs = r.hotPath.rounds.map((round) => round[id]);
      const busy = spread(runs.map((x) => x.machineBusyPct));
      return [runs[0]!.label, ...spread(runs.map((x) => x.cpuMsPerRequest)), busy[0]!, busy[2]!];
    }),
  };
}

export function loginSection(r: BenchResult): Section {
  const check = hotPathRows(r.hotPath).find((row) => row.id === "userDirect")?.cpuMsPerRequest ?? NaN;
  const times = (ms: number) => (Number.isFinite(check) ? `${Math.round(ms / check)}x` : "n/a");
  const row = (l: LoadResult): Cell[] => [l.label, l.requests, l.seconds, l.rps, l.p50Ms, l.p99Ms, l.cpuMsPerRequest, times(l.cpuMsPerRequest), JSON.stringify(l.statuses), l.unexpected];
  const { correct, failed, unknown } = r.logins;
  return {
    header: ["scenario", "requests", "seconds", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "vs one session check (user Worker direct)", "statuses", "unexpected"],
    rows: [row(correct), row(failed), row(unknown)],
  };
}

export function memorySection(r: BenchResult): Section {
  const m = r.logins.memory;
  const mib = (kib: number | null) => (kib === null ? "n/a" : Math.round((kib / 1024) * 10) / 10);
  return {
    header: ["workerd resident memory", "MiB"],
    rows: [
      ["after the stack started", mib(r.workerdRssKiB.afterStart)],
      ["after seeding the accounts (Argon2 instance live)", mib(r.workerdRssKiB.afterSeeding)],
      [`before ${m.concurrentLogins} concurrent logins (VmRSS)`, mib(m.rssBeforeKiB)],
      ["peak during them, sampled every 5 ms (VmRSS)", mib(m.rssPeakSampledKiB)],
      ["peak during them (VmHWM, reset just before)", mib(m.hwmAfterKiB)],
      ["rise (highest peak minus before)", mib(m.riseKiB)],
      // Not login numbers: how workerd's memory moved under the session-check load, for comparison.
      ["after the first round of session checks", mib(Object.values(r.hotPath.rounds[0]!).at(-1)!.rssAfterKiB)],
      [`after the last round of session checks (of ${r.hotPath.rounds.length})`, mib(Object.values(r.hotPath.rounds.at(-1)!).at(-1)!.rssAfterKiB)],
    ],
  };
}

export function argon2Section(r: BenchResult): Section {
  return {
    header: ["candidate", "runtime", "CPU ms/hash (median)", "CPU vs native", "wall ms/hash (median)", "wall p90 ms", "wall vs native", "samples"],
    rows: r.argon2.candidates.map((c) => [c.name, c.runtime, c.cpu.hash.medianMs, `${c.cpu.ratioToNative}x`, c.hash.medianMs, c.hash.p90Ms, `${c.ratioToNative}x`, c.hash.samples]),
  };
}

export function bundleSection(r: BenchResult): Section {
  return {
    header: ["Worker", "script KB", "script gzip KB", ".wasm", "with .wasm KB", "with .wasm gzip KB"],
    rows: r.bundles.map((b) => [b.worker, kb(b.scriptBytes), kb(b.scriptGzipBytes), b.wasm.join(", ") || "none", kb(b.totalBytes), kb(b.totalGzipBytes)]),
  };
}

export function targetSection(r: BenchResult): Section {
  return { header: ["target", "limit", "seen", "result"], rows: targets(r).map((t) => [t.target, t.limit, t.seen, verdict(t.pass)]) };
}

/** Standard error of a scenario's CPU ms/req over the rounds (NaN with one round). */
function standardError(r: BenchResult, id: HotPathId): number {
  const values = r.hotPath.rounds.map((round) => round[id].cpuMsPerRequest);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance / n);
}

/** Where the session check's CPU goes, from differences between scenarios of this run. */
export function breakdownSection(r: BenchResult): Section {
  const rows = new Map(hotPathRows(r.hotPath).map((row) => [row.id, row.cpuMsPerRequest]));
  const get = (id: HotPathId) => rows.get(id) ?? NaN;
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : "n/a");
  const diff = (label: string, a: HotPathId, b?: HotPathId): Cell[] => [
    label,
    round(get(a) - (b ? get(b) : 0)),
    round(2 * Math.hypot(standardError(r, a), b ? standardError(r, b) : 0)),
    b ? `${a} - ${b}` : a,
  ];
  return {
    header: ["part of the session check", "CPU ms/req", "± 2 SE over rounds", "from"],
    rows: [
      diff("runtime fixed cost (Miniflare entry + an empty Worker)", "bare"),
      diff("floor above that (Hono, cookie, one KV get)", "floor", "bare"),
      diff("our app above that (Hono, middleware, SHA-256, parsing, permissions, JSON; role map from the isolate)", "variant", "floor"),
      diff("the RPC hop to the session Worker", "userDirect", "variant"),
      diff("the gateway Worker (its invocation, the service-binding fetch, security headers)", "gatewayOnly", "userDirect"),
      diff("Miniflare's asset routing in front of the site (its asset proxy and router Workers; local only)", "session", "gatewayOnly"),
      diff("sliding-expiry writes, each session once a second (variant)", "variantTouch", "variant"),
      diff("reference: the role map as a second key of the same bulk KV read (what each check paid before the isolate cache)", "floorRoles", "floor"),
      diff(`${r.hotPath.sessionDataBytes} bytes of app data in the session, user Worker direct`, "userDirectData", "userDirect"),
      diff("the same app data without the RPC hop", "variantData", "variant"),
    ],
  };
}
