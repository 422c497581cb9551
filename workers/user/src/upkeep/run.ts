import { nowSeconds, sessionClient } from "@workers-users/shared";
import { getConfig } from "../config";
import { applyRule, RULES, type RuleName } from "./rules";

export type UpkeepReport = Record<RuleName | "sessions", number>;

/**
 * The scheduled upkeep: every rule deletes what has expired, at most
 * UPKEEP_ROWS_PER_RULE rows each; the session Worker sweeps its index and KV.
 * A rule that fails does not stop the others; the run fails after them.
 */
export async function runUpkeep(env: Env): Promise<UpkeepReport> {
  const limits = getConfig(env).upkeep;
  const now = nowSeconds();
  const report = {} as UpkeepReport;
  const failed: string[] = [];
  for (const name of Object.keys(RULES) as RuleName[]) {
    report[name] = await applyRule(env.DB, name, limits, now).catch(() => (failed.push(name), 0));
  }
  report.sessions = await sessionClient(env.SESSION)
    .sweepExpired(limits.rowsPerRule)
    .catch(() => (failed.push("sessions"), 0));
  // Counts only: upkeep never logs what it deleted.
  console.log(JSON.stringify({ upkeep: report, failed }));
  if (failed.length > 0) throw new Error(`upkeep rules failed: ${failed.join(", ")}`);
  return report;
}
