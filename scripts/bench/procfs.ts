/**
 * What Linux says about the workerd process: its CPU time (all threads, from
 * /proc/<pid>/stat) and its resident memory (VmRSS, VmHWM from /proc/<pid>/status).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Children of `parent` whose command name is `name`. */
export function childProcesses(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent && comm === name) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The fields of /proc/<pid>/stat from field 3 on (the command name before them may hold spaces). */
function statFields(pid: number | "self"): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** utime + stime of the whole process, in milliseconds. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  // Fields 14 and 15 of stat(5); `fields` starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * cutime + cstime of this process, in milliseconds: the CPU of every child it has waited for,
 * with their own waited-for children, which the kernel adds up as each is reaped.
 */
export function reapedChildrenCpuMs(): number {
  const fields = statFields("self");
  // Fields 16 and 17 of stat(5).
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

export interface Memory { rssKiB: number; hwmKiB: number }

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssKiB: kib("VmRSS"), hwmKiB: kib("VmHWM") };
}

/** Resets VmHWM to the current RSS (Linux >= 4.0); false when the kernel refuses. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `everyMs` until stopped; answers the highest value seen. */
export function sampleRss(pid: number, everyMs: number): { stop(): { peakKiB: number; samples: number } } {
  let peakKiB = memory(pid).rssKiB;
  let samples = 1;
  const timer = setInterval(() => {
    peakKiB = Math.max(peakKiB, memory(pid).rssKiB);
    samples++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peakKiB = Math.max(peakKiB, memory(pid).rssKiB);
      return { peakKiB, samples: samples + 1 };
    },
  };
}

/** Busy fraction of all CPUs between two readings of /proc/stat (everyone's load, ours included). */
export function systemTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
