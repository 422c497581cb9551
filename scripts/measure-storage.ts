/**
 * `npm run measure:storage`: what D1 holds after a month of traffic, measured on the
 * local stack. USERS members (default 1,000) sign up; then, DAYS times (default 30),
 * every stored time moves a day back, the day's traffic runs (storage/traffic.ts), and
 * the upkeep runs until it finds nothing more. Prints a Markdown table for
 * docs/operations.md. Argon2 runs with cheap parameters: the hash is the same length.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types";
import { buildDir } from "./build";
import { startLocalStack } from "./lib/local-stack";
import { age, databaseBytes, tableSizes, type TableSize } from "./storage/tables";
import { day, pool, signUp, type Member } from "./storage/traffic";

const USERS = Number(process.env.USERS ?? 1000);
const DAYS = Number(process.env.DAYS ?? 30);
const DAY = 86400;

async function upkeep(base: string): Promise<number> {
  let deleted = 0;
  for (let run = 0; run < 100; run++) {
    const res = await fetch(`${base}/api/dev/upkeep`, { method: "POST" });
    const rows = Object.values(((await res.json()) as { deleted: Record<string, number> }).deleted).reduce((a, b) => a + b, 0);
    if (rows === 0) return deleted;
    deleted += rows;
  }
  throw new Error("upkeep still deleting after 100 runs");
}

function report(label: string, sizes: TableSize[], pages: number): string {
  const per = (n: number) => Math.round((n * 1000) / USERS);
  const lines = sizes.map((s) => `| \`${s.table}\` | ${per(s.rows).toLocaleString("en")} | ${(per(s.bytes) / 1024).toFixed(0)} KiB |`);
  const rows = sizes.reduce((a, s) => a + s.rows, 0);
  const bytes = sizes.reduce((a, s) => a + s.bytes, 0);
  return [`${label}: database file ${(pages / 1024 / 1024).toFixed(1)} MiB, per 1,000 members:`, "", "| table | rows | stored bytes |", "|---|---|---|", ...lines, `| all | ${per(rows).toLocaleString("en")} | ${(per(bytes) / 1024).toFixed(0)} KiB |`, ""].join("\n");
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "workers-users-storage-"));
  const stack = await startLocalStack({ port: 0, persistDir: dir, dist: buildDir("measure"), env: { RATE_LIMIT_IP: "off", ARGON2_MEMORY_KIB: "256", ARGON2_ITERATIONS: "1" } });
  try {
    const db = (await stack.miniflare.getD1Database("DB", "workers-users-user")) as unknown as D1Database;
    const members: Member[] = [];
    await pool(Array.from({ length: USERS }, () => async () => void members.push((await signUp(stack.url, "member"))!)), 8);
    const baseline = await tableSizes(db);
    console.log(report("After sign-up", baseline, databaseBytes(dir)));
    let deleted = 0;
    for (let d = 1; d <= DAYS; d++) {
      await age(db, DAY);
      const joined: Member[] = [];
      // The members of the first day stay the active ones: growth shows as new rows, not more traffic.
      await day(stack.url, members.slice(0, USERS), joined);
      members.push(...joined);
      deleted += await upkeep(stack.url);
      if (d === 7 || d === DAYS) console.log(report(`Day ${d}, after upkeep`, await tableSizes(db), databaseBytes(dir)));
    }
    const kept = (await tableSizes(db)).reduce((a, s) => a + s.rows, 0);
    console.log(`Rows upkeep deleted in ${DAYS} days: ${deleted.toLocaleString("en")}; rows kept: ${kept.toLocaleString("en")}; members: ${members.length}.`);
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
