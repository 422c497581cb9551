/**
 * Each deployable Worker's upload size, raw and gzip, with and without its
 * .wasm modules. Gzip is measured as wrangler reports it: zlib's default level
 * over the modules' bytes laid end to end.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { outputs } from "../build";

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

/** Sizes of what `build()` left in dist/ (the gateway's static pages are not part of its script). */
export async function bundleSizes(): Promise<BundleSize[]> {
  return Promise.all([
    measure("session", outputs.session.main),
    measure("user", outputs.user.main),
    measure("example", outputs.example.main),
    measure("site gateway (_worker.js)", outputs.site.main),
  ]);
}
