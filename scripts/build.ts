/**
 * Builds every deployable unit into dist/: the two Workers (ES modules, the
 * Argon2 .wasm beside the user Worker as its own module) and the site (pages,
 * browser bundle and the `_worker.js` gateway). `npm start`, the tests, the
 * benchmark and the Pulumi program all deploy exactly these files.
 */
import { cp, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST = join(ROOT, "dist");

export const outputs = {
  session: { dir: join(DIST, "session"), main: join(DIST, "session", "index.js") },
  user: { dir: join(DIST, "user"), main: join(DIST, "user", "index.js") },
  site: { dir: join(DIST, "site"), main: join(DIST, "site", "_worker.js") },
} as const;

const workerOptions: esbuild.BuildOptions = {
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
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: "none",
  logLevel: "warning",
};

async function buildWorker(entry: string, outdir: string): Promise<void> {
  await esbuild.build({ ...workerOptions, entryPoints: { index: join(ROOT, entry) }, outdir });
}

async function buildSite(): Promise<void> {
  const out = outputs.site.dir;
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
  await buildWorkerFile("site/src/worker.ts", outputs.site.main);
}

async function buildWorkerFile(entry: string, outfile: string): Promise<void> {
  await esbuild.build({ ...workerOptions, entryPoints: [join(ROOT, entry)], outfile });
}

export async function build(): Promise<typeof outputs> {
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  await Promise.all([
    buildWorker("workers/session/src/index.ts", outputs.session.dir),
    buildWorker("workers/user/src/index.ts", outputs.user.dir),
    buildSite(),
  ]);
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`);
}
