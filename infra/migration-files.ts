import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One file of migrations/, as the migrations provider receives it. */
export interface MigrationFile {
  name: string;
  sql: string;
  sha256: string;
}

/** `NNNN_verb_noun.sql`: the number orders them, as wrangler's name sort does. */
export const MIGRATION_NAME = /^(\d{4})_[a-z0-9]+(_[a-z0-9]+)+\.sql$/;

export function readMigrationFiles(dir: string): MigrationFile[] {
  const names = readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  const bad = names.find((n) => !MIGRATION_NAME.test(n));
  if (bad) throw new Error(`${join(dir, bad)}: migration files are named NNNN_verb_noun.sql`);
  const numbers = names.map((n) => n.slice(0, 4));
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (twice) throw new Error(`${dir}: two migrations are numbered ${twice}`);
  return names.map((name) => {
    const sql = readFileSync(join(dir, name), "utf8");
    if (sql.trim() === "") throw new Error(`${join(dir, name)}: empty migration`);
    return { name, sql, sha256: createHash("sha256").update(sql).digest("hex") };
  });
}
