// Candidate (d): hash-wasm 4.13.0's Argon2 and BLAKE2b wasm, extracted at build time, through our binding.
import argon2 from "hash-wasm-extracted:argon2.wasm";
import blake2b from "hash-wasm-extracted:blake2b.wasm";
import { benchWorker } from "./bench-worker";
import { hashWasmArgon2id } from "./hash-wasm-binding";

const OWASP = { memoryKiB: 19456, iterations: 2, parallelism: 1 };
const binding = hashWasmArgon2id(argon2, blake2b);
const utf8 = (s: string) => new TextEncoder().encode(s);

export default benchWorker({
  hash: async (password) => binding.hash(utf8(password), crypto.getRandomValues(new Uint8Array(16)), OWASP),
  verify: async (phc, password) => binding.verify(phc, utf8(password)),
  memoryBytes: binding.memoryBytes,
});
