/**
 * Builds every deployable unit into a folder: the Workers (ES modules, the
 * Argon2 .wasm beside the user Worker as its own module) and the site (pages,
 * browser bundle and the `_worker.js` gateway). `npm start`, the tests, the
 * benchmark and the Pulumi program all deploy exactly these files, each from a
 * folder of its own, so a build for one never swaps files from under another's
 * running stack.
 *
 *   tsx scripts/build.ts                    # dist/ (the Pulumi program's)
 *   tsx scripts/build.ts --out .build/test  # what `npm test` runs
 */
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { readJsonc } from "../infra/wrangler/read-jsonc";
import { routesJson } from "../site/src/routes";
import { headersFile } from "../workers/shared/src/security-headers";
import { docOnlyFields } from "./lib/doc-only-fields";
import { fillPages, siteSettings } from "./lib/site-settings";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The API's OpenAPI document, made from the user Worker's routes by `npm run types` (scripts/openapi.ts). */
export const OPENAPI_DOCUMENT = join(ROOT, "workers", "user", "src", "openapi", "openapi.json");
/** dist/, or WORKERS_USERS_DIST (the benchmark's own folder: `npm run bench` sets it). */
export const DIST = resolve(ROOT, process.env.WORKERS_USERS_DIST || "dist");

/** The folder of one consumer of a build: `npm test`, `npm start` on one port, the storage measurement. */
export function buildDir(purpose: "test" | "measure" | `start-${number}`): string {
  return join(ROOT, ".build", purpose);
}

/**
 * Every `workers/<name>` with a wrangler.jsonc is a Worker: built here, run by the local
 * stack and deployed by the Pulumi program, with nothing to register anywhere.
 */
export function workerFolders(root: string = ROOT): string[] {
  return readdirSync(join(root, "workers"))
    .filter((folder) => existsSync(join(root, "workers", folder, "wrangler.jsonc")))
    .sort();
}

/** A Worker's entry: the `main` of its wrangler.jsonc. */
function workerEntry(folder: string): string {
  const file = join(ROOT, "workers", folder, "wrangler.jsonc");
  const { main } = readJsonc(file) as { main?: unknown };
  if (typeof main !== "string") throw new Error(`${file} names no "main" (the Worker's entry, e.g. "src/index.ts")`);
  return join(ROOT, "workers", folder, main);
}

/** One built unit: its folder and the script in it. */
export interface BuiltUnit {
  dir: string;
  main: string;
}

/** The site, and each Worker by its folder name under workers/. */
export type BuildOutputs = { site: BuiltUnit; session: BuiltUnit; user: BuiltUnit } & Record<string, BuiltUnit>;

export function layout(root: string): BuildOutputs {
  const unit = (name: string, main = "index.js") => ({ dir: join(root, name), main: join(root, name, main) });
  const workers = Object.fromEntries(workerFolders().map((folder) => [folder, unit(folder)]));
  return { ...workers, session: unit("session"), user: unit("user"), site: unit("site", "_worker.js") };
}

export const outputs: BuildOutputs = layout(DIST);

/**
 * zod's `z` namespace re-exports every locale (40+ files, ~300 KB), and the
 * OpenAPI extension holds on to the whole namespace, so nothing is shaken out.
 * Our messages are English: keep `en` only.
 */
const englishZodOnly: esbuild.Plugin = {
  name: "english-zod-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:classic|core|mini)[\\/]/.test(args.importer) ? { path: args.importer, namespace: "zod-locales" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from "./en.js";`,
      resolveDir: join(args.path, "..", "..", "locales"),
      loader: "js",
    }));
  },
};

/** How every Worker is bundled; the benchmark's reference Workers use it too. */
export const workerOptions: esbuild.BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2023",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["cloudflare:*"],
  // workerd cannot compile WASM from bytes: the .wasm stays a module of its own.
  loader: { ".wasm": "copy" },
  assetNames: "[name]-[hash]",
  // Full minification keeps each Worker's script well under 100 KB gzip; names
  // stay readable in stack traces through keepNames.
  minify: true,
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  // The user Worker's routes without their documentation (made at build time, served by the site).
  plugins: [englishZodOnly, docOnlyFields],
};

async function buildWorker(entry: string, outdir: string): Promise<void> {
  await esbuild.build({ ...workerOptions, entryPoints: { index: entry }, outdir });
}

async function buildSite(target: BuildOutputs["site"]): Promise<void> {
  const out = target.dir;
  await cp(join(ROOT, "site", "public"), out, { recursive: true });
  const settings = siteSettings();
  await fillPages(out, settings);
  const pages = (await readdir(join(ROOT, "site", "src", "pages"))).filter((f) => f.endsWith(".ts"));
  await esbuild.build({
    // The same limits in the browser bundle as in the pages (site/src/build-settings.d.ts).
    define: Object.fromEntries(Object.entries(settings).map(([name, value]) => [`__${name}__`, JSON.stringify(value)])),
    entryPoints: pages.map((f) => join(ROOT, "site", "src", "pages", f)),
    // Runs first in every page: <html lang>, the static text in the reader's language, the picker.
    inject: [join(ROOT, "site", "src", "i18n", "page.ts")],
    outdir: join(out, "assets"),
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    logLevel: "warning",
  });
  await buildWorkerFile("site/src/worker.ts", target.main);
  await writeOpenApiDocument(out);
  await writeRoutingFiles(out);
}

/**
 * The API's OpenAPI document, made from the routes by `npm run types`, as a static file at
 * /api/openapi.json (site/src/routes.ts keeps that path off the gateway): it costs the user
 * Worker nothing.
 */
async function writeOpenApiDocument(out: string): Promise<void> {
  const document: unknown = JSON.parse(await readFile(OPENAPI_DOCUMENT, "utf8"));
  await mkdir(join(out, "api"), { recursive: true });
  await writeFile(join(out, "api", "openapi.json"), JSON.stringify(document));
}

/**
 * Pages' routing files: `_routes.json` sends only the gateway's routes to `_worker.js`,
 * `_headers` gives the static files Pages serves itself the security headers. The local
 * stack (Miniflare's assets) reads `_headers` too; `.assetsignore` keeps the gateway's
 * script and `_routes.json` out of its files, as Pages never serves them.
 */
async function writeRoutingFiles(out: string): Promise<void> {
  await writeFile(join(out, "_routes.json"), `${JSON.stringify(routesJson(), null, 2)}\n`);
  await writeFile(join(out, "_headers"), headersFile());
  await writeFile(join(out, ".assetsignore"), "_worker.js\n_routes.json\n");
}

async function buildWorkerFile(entry: string, outfile: string): Promise<void> {
  await esbuild.build({ ...workerOptions, entryPoints: [join(ROOT, entry)], outfile });
}

/**
 * Builds into a fresh folder, then swaps it in, so a concurrent reader never
 * sees a half-written one. A stack serving from `dir` stops serving pages once
 * its files are swapped away: every consumer builds into a folder of its own.
 */
export async function build(dir: string = DIST): Promise<BuildOutputs> {
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const next = layout(staging);
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([...workerFolders().map((folder) => buildWorker(workerEntry(folder), next[folder]!.dir)), buildSite(next.site)]);
    const old = `${staging}.old`;
    await rename(dir, old).catch(() => undefined);
    await rename(staging, dir);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return layout(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const at = process.argv.indexOf("--out");
  const dir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : DIST;
  await build(dir);
  console.log(`built ${dir} in ${Math.round(performance.now() - started)} ms`);
}
