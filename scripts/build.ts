/**
 * Builds every deployable unit into dist/: the two Workers (ES modules, the
 * Argon2 .wasm beside the user Worker as its own module) and the site (pages,
 * browser bundle and the `_worker.js` gateway). `npm start`, the tests, the
 * benchmark and the Pulumi program all deploy exactly these files.
 */
import { cp, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { routesJson } from "../site/src/routes";
import { headersFile } from "../site/src/security-headers";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST = join(ROOT, "dist");

function layout(root: string) {
  return {
    session: { dir: join(root, "session"), main: join(root, "session", "index.js") },
    user: { dir: join(root, "user"), main: join(root, "user", "index.js") },
    example: { dir: join(root, "example"), main: join(root, "example", "index.js") },
    site: { dir: join(root, "site"), main: join(root, "site", "_worker.js") },
  } as const;
}

export type BuildOutputs = ReturnType<typeof layout>;
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
  plugins: [englishZodOnly],
};

async function buildWorker(entry: string, outdir: string): Promise<void> {
  await esbuild.build({ ...workerOptions, entryPoints: { index: join(ROOT, entry) }, outdir });
}

async function buildSite(target: BuildOutputs["site"]): Promise<void> {
  const out = target.dir;
  await cp(join(ROOT, "site", "public"), out, { recursive: true });
  const pages = (await readdir(join(ROOT, "site", "src", "pages"))).filter((f) => f.endsWith(".ts"));
  await esbuild.build({
    entryPoints: pages.map((f) => join(ROOT, "site", "src", "pages", f)),
    outdir: join(out, "assets"),
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    logLevel: "warning",
  });
  await buildWorkerFile("site/src/worker.ts", target.main);
  await writeRoutingFiles(out);
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
 * Builds into a fresh folder, then swaps it in, so a running local stack or a
 * concurrent reader never sees a half-written dist/.
 */
export async function build(): Promise<BuildOutputs> {
  const staging = `${DIST}.tmp-${process.pid}-${Date.now()}`;
  const next = layout(staging);
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([
      buildWorker("workers/session/src/index.ts", next.session.dir),
      buildWorker("workers/user/src/index.ts", next.user.dir),
      buildWorker("workers/example/src/index.ts", next.example.dir),
      buildSite(next.site),
    ]);
    const old = `${staging}.old`;
    await rename(DIST, old).catch(() => undefined);
    await rename(staging, DIST);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
