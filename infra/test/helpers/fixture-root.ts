import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { appFolders, WRANGLER_FILES } from "../../declarations";
import { readJsonc } from "../../wrangler/read-jsonc";
import { ROOT } from "./run-program";
import { tempDir } from "./temp-dir";

/**
 * A copy of the repository's wrangler.jsonc files (by unit: session, user, site and
 * each app Worker's folder) and migrations/ in a temp folder, with `edit` applied to
 * the parsed files: for bindings the real files do not declare yet.
 */
export function fixtureRoot(edit: (configs: Record<string, Record<string, any>>) => void): string {
  const root = tempDir("infra-root-");
  const files: Record<string, string> = { ...WRANGLER_FILES };
  for (const folder of appFolders(ROOT)) files[folder] = `workers/${folder}/wrangler.jsonc`;
  const configs = Object.fromEntries(Object.entries(files).map(([unit, file]) => [unit, readJsonc(join(ROOT, file)) as Record<string, any>]));
  edit(configs);
  for (const [unit, file] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), JSON.stringify(configs[unit], null, 2));
  }
  cpSync(join(ROOT, "migrations"), join(root, "migrations"), { recursive: true });
  return root;
}
