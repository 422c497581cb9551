/**
 * `npm run upkeep`: runs the scheduled upkeep of a running local stack now (the
 * hourly cron trigger of deployed stacks) and prints the rows each rule deleted.
 * PORT as for `npm start` (default 8787).
 */
const url = `http://127.0.0.1:${process.env.PORT ?? 8787}/api/dev/upkeep`;

async function main(): Promise<void> {
  const res = await fetch(url, { method: "POST" }).catch(() => {
    throw new Error(`no local stack at ${url}: start it with npm start`);
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: is this the local stack (npm start)?`);
  const { deleted } = (await res.json()) as { deleted: Record<string, number> };
  for (const [rule, rows] of Object.entries(deleted)) console.log(`  ${rule.padEnd(22)} ${rows}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
