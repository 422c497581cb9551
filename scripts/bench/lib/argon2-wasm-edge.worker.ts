// Candidate (e): argon2-wasm-edge 1.0.23 (a fork of hash-wasm's Argon2 for edge runtimes) with
// its own JS; its setWASMModules hook takes the modules the bundle imports.
import { argon2id, argon2Verify, setWASMModules } from "argon2-wasm-edge";
import argon2WASM from "argon2-wasm-edge/wasm/argon2.wasm";
import blake2bWASM from "argon2-wasm-edge/wasm/blake2b.wasm";
import { benchWorker } from "./bench-worker";

const OWASP = { memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32 };
void setWASMModules({ argon2WASM, blake2bWASM });

export default benchWorker({
  hash: (password) => argon2id({ ...OWASP, password, salt: crypto.getRandomValues(new Uint8Array(16)), outputType: "encoded" }),
  verify: (hash, password) => argon2Verify({ password, hash }),
  // Its JS instantiates a fresh module (and memory) on every call and keeps none of them.
  memoryBytes: () => 0,
});
