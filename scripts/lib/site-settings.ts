/**
 * What the static pages take from the user Worker's wrangler.jsonc at build time: the
 * product's name and the password limits, so the pages say (and check) what the API does.
 * Pages write `%APP_NAME%`, `%PASSWORD_MIN_LENGTH%`, `%PASSWORD_MAX_LENGTH%`.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonc } from "../../infra/wrangler/read-jsonc";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SETTINGS = ["APP_NAME", "PASSWORD_MIN_LENGTH", "PASSWORD_MAX_LENGTH"] as const;

export type SiteSettings = Record<(typeof SETTINGS)[number], string>;

export function siteSettings(): SiteSettings {
  const file = join(ROOT, "workers", "user", "wrangler.jsonc");
  const vars = ((readJsonc(file) as { vars?: Record<string, unknown> }).vars ?? {}) as Record<string, unknown>;
  const settings = Object.fromEntries(SETTINGS.map((name) => [name, vars[name]])) as Record<string, unknown>;
  for (const name of SETTINGS) {
    if (typeof settings[name] !== "string" || settings[name] === "") throw new Error(`${file}: vars.${name} must be a non-empty string`);
  }
  return settings as SiteSettings;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** Fills the placeholders of every .html file under `dir`; one left unknown fails the build. */
export async function fillPages(dir: string, settings: SiteSettings): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith(".html")) continue;
    const path = join(dir, entry);
    const filled = (await readFile(path, "utf8")).replace(/%([A-Z_]+)%/g, (match, name: string) => {
      if (!(name in settings)) throw new Error(`${entry}: unknown placeholder ${match}`);
      return escapeHtml(settings[name as keyof SiteSettings]);
    });
    await writeFile(path, filled);
  }
}
