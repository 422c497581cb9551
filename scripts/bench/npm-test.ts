/**
 * `npm test` timed once, before the benchmark starts its own stack (the suites
 * start stacks of their own, and would share the two cores with it).
 */
import { spawn } from "node:child_process";
import { ROOT } from "../build";
import { reapedChildrenCpuMs } from "./procfs";

export interface NpmTestResult {
  seconds: number;
  exitCode: number | null;
  /** Vitest's closing "Tests" line, present only when every suite ran to its end. */
  tests: string | null;
  /**
   * CPU seconds of everything the run started and waited for (vitest, workerd, Chromium, the
   * type check): this process's children's time from /proc, which the kernel adds up as each
   * child is reaped.
   */
  cpuSeconds: number;
  lastLines: string[];
}

/** How busy the machine's cores were over the run's wall time, in percent. */
export const coresBusyPct = (t: NpmTestResult, cores: number) => Math.round((t.cpuSeconds / (t.seconds * cores)) * 100);

// Colours and styles of the terminal output, which the record does not need.
const ANSI = /\u001b\[[0-9;]*m/g;

const LIMIT_MS = 10 * 60 * 1000;

export function timeNpmTest(): Promise<NpmTestResult> {
  const started = performance.now();
  const cpuBefore = reapedChildrenCpuMs();
  // Its own process group, so a stop on timeout reaches the stacks it started too.
  const child = spawn("npm", ["test"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").replace(ANSI, "").split("\n").filter((l) => l.trim() !== ""));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(stop, LIMIT_MS);
  // If the benchmark is stopped meanwhile, the suites and their stacks stop with it.
  process.once("exit", stop);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      process.off("exit", stop);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const tests = lines.findLast((l) => /^\s*Tests\s+\d/.test(l))?.trim().replace(/\s+/g, " ") ?? null;
      const cpuSeconds = Math.round((reapedChildrenCpuMs() - cpuBefore) / 1000);
      resolve({ seconds, exitCode, tests, cpuSeconds, lastLines: lines.slice(-15) });
    });
  });
}
