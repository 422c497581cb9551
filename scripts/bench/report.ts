/** The benchmark's result as a console table, docs/performance.md and docs/performance.json. */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../build";
import {
  argon2Section, breakdownSection, bundleSection, hotPathSection, loginSection, memorySection, roundsSection, targetSection,
} from "./report-rows";
import { missesSection } from "./misses";
import { coresBusyPct } from "./npm-test";
import type { BenchResult } from "./result";
import { markdownTable, textTable } from "./table";

const DOCS = { markdown: join(ROOT, "docs", "performance.md"), json: join(ROOT, "docs", "performance.json") };
// A quick run is not for the record: it lands beside the temp folders, not in docs/.
const QUICK = { markdown: join(tmpdir(), "workers-users-bench-quick.md"), json: join(tmpdir(), "workers-users-bench-quick.json") };

type Section = { header: string[]; rows: (string | number)[][] };

export function consoleReport(r: BenchResult): string {
  const block = (title: string, s: Section) => `${title}\n${textTable(s.header, s.rows)}`;
  return [
    block("Session check and references (all in the stack's one workerd process)", hotPathSection(r)),
    block("Where the session check's CPU goes", breakdownSection(r)),
    block("Logins (real path)", loginSection(r)),
    block("Memory", memorySection(r)),
    block("Argon2id, m=19456 KiB t=2 p=1", argon2Section(r)),
    block("Bundles (KB = 1000 bytes)", bundleSection(r)),
    block("Targets", targetSection(r)),
  ].join("\n\n");
}

function environment(r: BenchResult): string {
  const v = r.versions;
  const m = r.machine;
  return [
    `- Date: ${r.date}; the whole run took ${r.durationSeconds} s.`,
    `- Command: \`${r.command}\`${r.quick ? " (quick run: shorter, fewer samples; not for the record)" : ""}.`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}.`,
    `- Load average (1 min) before and after: ${r.loadAverage1m.before} and ${r.loadAverage1m.after}${shared(r) ? `. Other work shared the ${m.cores} cores during the run (see "machine busy %"), so absolute rates are lower and latencies higher than on an idle machine; the ratios, taken in the same run and process, are the comparable part` : ""}.`,
    `- Versions: Node ${v.node}, workerd ${v.workerd}, Miniflare ${v.miniflare}, wrangler ${v.wrangler}, hono ${v.hono}, @hono/zod-openapi ${v["@hono/zod-openapi"]}, zod ${v.zod}, esbuild ${v.esbuild}, autocannon ${v.autocannon}, @node-rs/argon2 ${v["@node-rs/argon2"]}, @phi-ag/argon2 ${v["@phi-ag/argon2"]}.`,
  ].join("\n");
}

/** The load before the run came from others: the benchmark was not running yet. */
const shared = (r: BenchResult) => r.loadAverage1m.before >= 0.5;

function touches(r: BenchResult): string {
  const { sessionAgeSeconds: age, touchIntervalSeconds: interval } = r.hotPath;
  return age < interval
    ? `The runs ended ${age} s after the first session was made, inside the ${interval} s touch interval: no request wrote a sliding-expiry update.`
    : `The runs ended ${age} s after the first session was made, past the ${interval} s touch interval: some requests of the later runs also wrote a sliding-expiry update (once per session).`;
}

function method(r: BenchResult): string {
  const p = r.hotPath.plan;
  return [
    `The benchmark builds dist/, starts the local stack (one Miniflare, one workerd process) on a free port of 127.0.0.1 with a fresh state folder and \`RATE_LIMIT_IP=off\`, and adds reference Workers to the same Miniflare: from \`bench/workers/\`, **bare** (answers at once), **floor** (Hono, reads the cookie, one KV get of a copy of a real session record, ${r.hotPath.recordBytes.min}-${r.hotPath.recordBytes.max} bytes), **floor + role map** (the same, with the role map as a second key of one bulk read, as every check read them before each isolate kept its copy of the map), **variant** (the real user Worker app with the real SessionService in the same isolate: the session check without the RPC hop), the variant again with \`SESSION_TOUCH_INTERVAL=1\` (every session older than the interval, so each writes its sliding expiry once a second, KV's limit per key) and **consumer** (the shared \`session()\` + \`requirePermission("notes:read")\` middleware over the service binding); and the site's own \`_worker.js\` a second time without assets, to tell the gateway's cost from Miniflare's asset routing (a site with assets is reached through Miniflare's asset proxy and router Workers first). It seeds ${r.accounts} verified accounts over HTTP, each signed in once; the sessions of the last ${r.hotPath.plan.dataAccounts} get ${r.hotPath.sessionDataBytes} bytes of app data through \`PUT /api/session/data\` for the "holding app data" rows, the others have none. Before the runs, the variant and the gateway copy must answer byte for byte what the real paths answer.`,
    "",
    `Load comes from autocannon in the benchmark's Node process, ${p.connections} connections, each request with the cookie of the next account. Scenarios run one after another, never at once, in ${p.rounds} rounds of ${p.seconds} s per scenario, after one warm-up of ${p.warmupSeconds} s per scenario; short slices in quick turns meet the same load from the rest of the machine, which matters because other processes raise workerd's CPU time per request (compare \"machine busy %\" with the rounds below). Scenarios other than the real paths are reached on the stack's port with Miniflare's \`MF-Route-Override\` header, so all of them pass Miniflare's entry Worker alike. **CPU ms/req** is workerd's CPU time (utime + stime of the process, all threads, from /proc) over the measured run divided by the answers received; idle workerd used ${r.hotPath.idleCpuMsPerSecond} ms of CPU per second before the runs. Latencies are measured by autocannon per request; p50/p99 are the mean of the rounds' percentiles. ${touches(r)}`,
    "",
    `Logins go through the gateway like a browser's (${r.loginPlan.connections} connections), ${r.logins.correct.requests} of each kind. Correct and unknown-email logins have a ${r.loginPlan.warmupSeconds} s warm-up; the wrong-password run has none, because each account may take only 3 failures (the per-account throttle starts its waits after the 4th), which keeps every answer a 401 and not a 429. Memory: VmRSS of the workerd process sampled every 5 ms during ${r.logins.memory.concurrentLogins} concurrent correct logins of different accounts, right after seeding and before any other load, and VmHWM reset through /proc/<pid>/clear_refs just before them. Argon2id: \`benchArgon2()\` of \`scripts/bench/argon2.ts\` after the stack has stopped (each candidate in its own workerd, timed from Node, round robin with native \`@node-rs/argon2\` in the same run); CPU time is each candidate's workerd threads from /proc (Node's main thread for native), wall time Node's clock, and the target is judged on CPU time, which other processes on the machine disturb least ([decisions/0001-password-hashing.md](decisions/0001-password-hashing.md)).`,
  ].join("\n");
}

export function markdownReport(r: BenchResult): string {
  const table = (s: Section) => markdownTable(s.header, s.rows);
  return [
    "# Performance",
    "",
    `Written by \`npm run bench\` (scripts/bench.ts); every number below comes from that run. Raw numbers: [performance.json](performance.json). The session check's design choices are in [decisions/0002-session-check-path.md](decisions/0002-session-check-path.md) and [decisions/0012-role-map-cached-per-isolate.md](decisions/0012-role-map-cached-per-isolate.md).`,
    "",
    "## Where and how",
    "",
    environment(r),
    "",
    method(r),
    "",
    "## Targets",
    "",
    table(targetSection(r)),
    "",
    ...missesSection(r),
    "## Session check",
    "",
    table(hotPathSection(r)),
    "",
    table(breakdownSection(r)),
    "",
    table(roundsSection(r)),
    "",
    "## Logins",
    "",
    table(loginSection(r)),
    "",
    table(memorySection(r)),
    "",
    "## Argon2id per hash (m=19456 KiB, t=2, p=1)",
    "",
    table(argon2Section(r)),
    "",
    "## Bundles (KB = 1000 bytes; gzip as wrangler measures it)",
    "",
    table(bundleSection(r)),
    "",
    ...(r.npmTest ? ["## npm test", "", `Timed once, before the benchmark started its own stack: ${r.npmTest.seconds} s, exit code ${r.npmTest.exitCode}${r.npmTest.tests ? `; ${r.npmTest.tests}` : ""}. Its processes (vitest, every workerd and Chromium it started, the type check) used ${r.npmTest.cpuSeconds} s of CPU, ${coresBusyPct(r.npmTest, r.machine.cores)}% of the ${r.machine.cores} cores over its wall time. It ran in this working tree, where the type check's incremental output and Vite's cache from earlier runs were in place; a fresh clone makes both and takes longer.`, ""] : []),
  ].join("\n");
}

/** Writes both files (docs/ for a full run, the temp folder for a quick one) and answers their paths. */
export async function writeReports(r: BenchResult): Promise<{ markdown: string; json: string }> {
  const out = r.quick ? QUICK : DOCS;
  await writeFile(out.markdown, markdownReport(r));
  await writeFile(out.json, `${JSON.stringify(r, null, 2)}\n`);
  return out;
}
