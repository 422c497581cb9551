import wasm from "@phi-ag/argon2/argon2.wasm";
import { expect, it } from "vitest";
import { argon2idHash, argon2idVerify, wasmMemoryBytes } from "../../src/password/argon2-wasm";

// A file of its own: the instance is per isolate, and this must start from a fresh one.
const OWASP = { memoryKiB: 19456, iterations: 2, parallelism: 1 };
const MiB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);
const salt = () => crypto.getRandomValues(new Uint8Array(16));

it("reuses one instance: after the first hash, 20 more hashes and verifies do not grow WASM memory", () => {
  const initial = (new WebAssembly.Instance(wasm, {}).exports.memory as WebAssembly.Memory).buffer.byteLength;
  const first = argon2idHash(utf8("warm up the instance"), salt(), OWASP);
  const after = wasmMemoryBytes();
  // One Argon2 block area beyond the module's initial memory, not one per call (or two).
  expect(after).toBeGreaterThanOrEqual(OWASP.memoryKiB * 1024);
  expect(after).toBeLessThan(initial + OWASP.memoryKiB * 1024 + MiB);
  for (let i = 0; i < 20; i++) {
    argon2idHash(utf8(`password number ${i}`), salt(), OWASP);
    expect(argon2idVerify(first, utf8("warm up the instance"), OWASP.memoryKiB)).toBe(true);
    expect(argon2idVerify(first, utf8(`wrong password ${i}`), OWASP.memoryKiB)).toBe(false);
  }
  expect(wasmMemoryBytes()).toBe(after);
}, 60_000);
