/**
 * Each deployable Worker's upload size, raw and gzip, with and without its
 * .wasm modules. Gzip is measured as wrangler reports it: zlib's default level
 * over the modules' bytes laid end to end.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { outputs, workerFolders, type BuildOutputs } from "../build";

export interface BundleSize {
  worker: string;
  script: string;
  scriptBytes: number;
  scriptGzipBytes: number;
  wasm: string[];
  totalBytes: number;
  totalGzipBytes: number;
}

const gzipBytes = (parts: Uint8Array[]) => gzipSync(Buffer.concat(parts)).byteLength;

async function measure(worker: string, main: string): Promise<BundleSize> {
  const dir = dirname(main);
  const script = await readFile(main);
  const wasmNames = (await readdir(dir)).filter((f) => f.endsWith(".wasm")).sort();
  const wasm = await Promise.all(wasmNames.map((f) => readFile(join(dir, f))));
  const all = [script, ...wasm];
  return {
    worker,
    script: basename(main),
    scriptBytes: script.byteLength,
    scriptGzipBytes: gzipBytes([script]),
    wasm: wasmNames,
    totalBytes: all.reduce((n, b) => n + b.byteLength, 0),
    totalGzipBytes: gzipBytes(all),
  };
}

/** Sizes of what a build left (dist/ unless told): every Worker, and the site's gateway script (not its pages). */
export async function bundleSizes(built: BuildOutputs = outputs): Promise<BundleSize[]> {
  return Promise.all([
    ...workerFolders().map((folder) => measure(folder, built[folder]!.main)),
    measure("site gateway (_worker.js)", built.site.main),
  ]);
}
