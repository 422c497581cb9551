/**
 * Candidate (b): argon2-browser 1.18.0 inside workerd. Its emscripten glue would fetch the
 * .wasm and compile it from bytes, which workerd refuses; the package's loader hooks let us
 * hand it the CompiledWasm module the bundle imports instead:
 * - `loadArgon2WasmBinary` stands in for the fetch (its bytes are never compiled),
 * - `loadArgon2WasmModule` runs just before the glue loads, after argon2-browser has put a
 *   fresh `Module` on the global object, so `Module.instantiateWasm` can be set there.
 */
import argon2 from "argon2-browser";
import type { BenchCandidate } from "./bench-worker";

interface EmscriptenModule {
  instantiateWasm?(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void): WebAssembly.Exports;
  HEAPU8?: Uint8Array;
}
type Hooks = typeof globalThis & {
  Module?: EmscriptenModule;
  loadArgon2WasmBinary?: () => Promise<Uint8Array>;
  loadArgon2WasmModule?: () => Promise<unknown>;
};

const ARGON2ID = 2;
const OWASP = { time: 2, mem: 19456, parallelism: 1, hashLen: 32, type: ARGON2ID };

export function argon2BrowserCandidate(wasm: WebAssembly.Module): BenchCandidate {
  const g = globalThis as Hooks;
  g.loadArgon2WasmBinary = async () => new Uint8Array(0);
  g.loadArgon2WasmModule = async () => {
    g.Module!.instantiateWasm = (imports, receive) => {
      const instance = new WebAssembly.Instance(wasm, imports);
      receive(instance);
      return instance.exports;
    };
    // @ts-expect-error the emscripten glue has no types; it reads `Module` from the global.
    return import("argon2-browser/dist/argon2.js");
  };
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      return (await argon2.hash({ pass: password, salt, ...OWASP })).encoded;
    },
    async verify(phc, password) {
      return argon2.verify({ pass: password, encoded: phc, type: ARGON2ID }).then(() => true, () => false);
    },
    memoryBytes: () => g.Module?.HEAPU8?.byteLength ?? 0,
  };
}
