// The parts of argon2-browser 1.18.0 the benchmark uses (the package ships no types).
declare module "argon2-browser" {
  interface HashParams {
    pass: string | Uint8Array;
    salt: string | Uint8Array;
    time?: number;
    mem?: number;
    hashLen?: number;
    parallelism?: number;
    type?: number;
  }
  const argon2: {
    hash(params: HashParams): Promise<{ hash: Uint8Array; hashHex: string; encoded: string }>;
    verify(params: { pass: string | Uint8Array; encoded: string; type?: number }): Promise<void>;
  };
  export default argon2;
}

declare module "argon2-browser/dist/*.wasm" {
  const wasm: WebAssembly.Module;
  export default wasm;
}

// The benchmark's other WASM candidates: each .wasm is imported as a compiled module.
declare module "hash-wasm-extracted:*.wasm" {
  const wasm: WebAssembly.Module;
  export default wasm;
}
declare module "argon2-wasm-edge/wasm/*.wasm" {
  const wasm: WebAssembly.Module;
  export default wasm;
}
declare module "argon2id/dist/*.wasm" {
  const wasm: WebAssembly.Module;
  export default wasm;
}
