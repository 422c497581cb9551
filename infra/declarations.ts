import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readWorkerDeclaration, type WorkerDeclaration } from "./wrangler/worker-config";

/** Where each unit declares itself. Every other `workers/<name>/wrangler.jsonc` is an app Worker. */
export const WRANGLER_FILES = {
  session: "workers/session/wrangler.jsonc",
  user: "workers/user/wrangler.jsonc",
  site: "site/wrangler.jsonc",
} as const;

export interface Declarations {
  session: WorkerDeclaration;
  user: WorkerDeclaration;
  site: WorkerDeclaration;
  /** Further Workers (e.g. `example`), by folder name under workers/. */
  apps: Record<string, WorkerDeclaration>;
}

export function readDeclarations(root: string): Declarations {
  const apps: Record<string, WorkerDeclaration> = {};
  for (const folder of appFolders(root)) apps[folder] = readWorkerDeclaration(join(root, "workers", folder, "wrangler.jsonc"));
  return {
    session: readWorkerDeclaration(join(root, WRANGLER_FILES.session)),
    user: readWorkerDeclaration(join(root, WRANGLER_FILES.user)),
    site: readWorkerDeclaration(join(root, WRANGLER_FILES.site)),
    apps,
  };
}

export function appFolders(root: string): string[] {
  return readdirSync(join(root, "workers"))
    .filter((folder) => folder !== "session" && folder !== "user" && existsSync(join(root, "workers", folder, "wrangler.jsonc")))
    .sort();
}

/** Every Worker script of the stack by unit name: session, user, then the app Workers. */
export function workerUnits(d: Declarations): [string, WorkerDeclaration][] {
  return [["session", d.session], ["user", d.user], ...Object.entries(d.apps)];
}

/** The one D1 database the Workers share, and where its migrations live. */
export function sharedDatabase(declarations: Declarations): { databaseName: string; migrationsDir: string } {
  const all = [...workerUnits(declarations).map(([, w]) => w), declarations.site];
  const d1 = all.flatMap((w) => w.bindings.flatMap((b) => (b.kind === "d1" ? [b] : [])));
  const names = [...new Set(d1.map((b) => b.databaseName))];
  if (names.length !== 1) throw new Error(`the Workers must share exactly one D1 database; wrangler.jsonc files name: ${names.join(", ") || "none"}`);
  const dirs = [...new Set(d1.flatMap((b) => (b.migrationsDir ? [b.migrationsDir] : [])))];
  if (dirs.length !== 1) throw new Error(`every d1_databases entry must name the same migrations_dir; found: ${dirs.join(", ") || "none"}`);
  return { databaseName: names[0]!, migrationsDir: dirs[0]! };
}

/** Fails on a per-stack var that no wrangler.jsonc declares (most likely a typo). */
export function checkVarNames(declarations: Declarations, names: string[]): void {
  const all = [...workerUnits(declarations).map(([, w]) => w), declarations.site];
  const declared = new Set(all.flatMap((w) => w.bindings.filter((b) => b.kind === "var").map((b) => b.name)));
  const unknown = names.filter((n) => !declared.has(n));
  if (unknown.length > 0) throw new Error(`stack vars not declared in any wrangler.jsonc: ${unknown.join(", ")}`);
}

/** Every queue a wrangler.jsonc names, once: producers, consumers and their dead-letter queues. */
export function queueNames(declarations: Declarations): string[] {
  const named = workerUnits(declarations).flatMap(([, w]) => [
    ...w.bindings.flatMap((b) => (b.kind === "queue" ? [b.queue] : [])),
    ...w.queueConsumers.flatMap((c) => [c.queue, ...(c.deadLetterQueue ? [c.deadLetterQueue] : [])]),
  ]);
  return [...new Set(named)].sort();
}
