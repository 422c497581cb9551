/**
 * Bundles one benchmark Worker with esbuild (the .wasm stays a module of its own, as in
 * scripts/build.ts) and serves it from workerd through Miniflare on 127.0.0.1.
 */
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { workerOptions } from "../../build";
import { hashWasmModules } from "./hash-wasm-extract";

export interface RunningWorker { url: URL; close(): Promise<void> }

export const COMPATIBILITY_DATE = "2026-04-20";

export async function startBenchWorker(entry: string): Promise<RunningWorker> {
  const outdir = await mkdtemp(join(tmpdir(), "argon2-bench-"));
  // A process stopped with Ctrl-C exits without awaiting close(): leave no folder behind.
  const removeAtExit = () => rmSync(outdir, { recursive: true, force: true });
  process.once("exit", removeAtExit);
  await esbuild.build({
    ...workerOptions,
    entryPoints: { index: entry },
    outdir,
    // argon2-browser's emscripten glue names Node modules on a branch workerd never takes.
    external: ["cloudflare:*", "fs", "path"],
    plugins: [...(workerOptions.plugins ?? []), hashWasmModules(join(outdir, "extracted"))],
    logLevel: "error",
  });
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRoot: outdir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
  });
  const url = await mf.ready;
  return {
    url,
    async close() {
      await mf.dispose();
      await rm(outdir, { recursive: true, force: true });
      process.off("exit", removeAtExit);
    },
  };
}

/** Wall-clock time (ms) of one request as seen from Node, body included. */
export async function timeRequest(url: URL, query: string, init?: RequestInit): Promise<{ ms: number; res: Response; body: string }> {
  const started = performance.now();
  const res = await fetch(new URL(`?${query}`, url), init);
  const body = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${query}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return { ms, res, body };
}
