/**
 * CPU time, which the machine's load does not inflate the way it inflates wall time: a
 * process waiting for a core accrues none. Linux counts it per thread in nanoseconds
 * (/proc/<pid>/task/<tid>/schedstat, first field).
 */
import { readdirSync, readFileSync } from "node:fs";
import { childProcesses } from "../procfs";

/** CPU time of every thread of `pid` so far, in milliseconds. */
export function threadsCpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended while we looked.
    }
  }
  return ns / 1e6;
}

/** The one workerd child of this process that is not in `before`. */
export function newWorkerd(before: readonly number[]): number {
  const added = childProcesses(process.pid, "workerd").filter((pid) => !before.includes(pid));
  if (added.length !== 1) throw new Error(`expected one new workerd process, found ${added.length}`);
  return added[0]!;
}

export const workerdChildren = (): number[] => childProcesses(process.pid, "workerd");

/** CPU time of this process's main thread (where @node-rs/argon2's sync calls run), in ms. */
export function mainThreadCpuMs(): number {
  return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
}
