/**
 * hash-wasm 4.13.0 ships its Argon2 and BLAKE2b WebAssembly only as base64 inside its JS and
 * compiles it from bytes at run time, which workerd refuses. This takes the two binaries out
 * of the published bundle at build time, so a Worker can import them as modules
 * (`import argon2 from "hash-wasm-extracted:argon2.wasm"`). A later hash-wasm that embeds
 * them differently fails the build here, not at run time: each must be a WASM binary that
 * names every export our binding calls.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "esbuild";

const PREFIX = "hash-wasm-extracted:";
const EXPORTS: Record<string, string[]> = {
  argon2: ["memory", "Hash_SetMemorySize", "Hash_GetBuffer", "Hash_Calculate"],
  blake2b: ["memory", "Hash_GetBuffer", "Hash_Init", "Hash_Update", "Hash_Final"],
};

function bundlePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("hash-wasm/package.json")), "dist", "index.esm.js");
}

/** The binary embedded as `var name$x = "<name>"; var data$x = "<base64>"`. */
export function embeddedWasm(name: string, source = readFileSync(bundlePath(), "utf8")): Uint8Array {
  const match = source.match(new RegExp(`var name(\\$\\w*) = "${name}";\\s*var data\\1 = "([A-Za-z0-9+/=]+)"`));
  if (!match) throw new Error(`hash-wasm: no embedded ${name}.wasm found in ${bundlePath()}`);
  const bytes = Buffer.from(match[2]!, "base64");
  if (!bytes.subarray(0, 4).equals(Buffer.from("\0asm"))) throw new Error(`hash-wasm ${name}: not a WASM binary`);
  const missing = (EXPORTS[name] ?? []).filter((e) => !bytes.includes(e));
  if (missing.length > 0) throw new Error(`hash-wasm ${name}.wasm lacks ${missing.join(", ")}`);
  return new Uint8Array(bytes);
}

/** esbuild plugin: `hash-wasm-extracted:<name>.wasm` becomes a file the `.wasm` loader copies. */
export function hashWasmModules(cacheDir: string): Plugin {
  return {
    name: "hash-wasm-extracted",
    setup(build) {
      build.onResolve({ filter: /^hash-wasm-extracted:/ }, (args) => {
        const file = args.path.slice(PREFIX.length);
        const name = file.replace(/\.wasm$/, "");
        if (!(name in EXPORTS)) return { errors: [{ text: `unknown hash-wasm module ${file}` }] };
        mkdirSync(cacheDir, { recursive: true });
        const path = join(cacheDir, `hash-wasm-${name}.wasm`);
        writeFileSync(path, embeddedWasm(name));
        return { path };
      });
    },
  };
}
