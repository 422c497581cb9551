import Argon2 from "@phi-ag/argon2";
import wasm from "@phi-ag/argon2/argon2.wasm";
import { describe, expect, it } from "vitest";
import { argon2idVerify } from "../../src/password/argon2-wasm";

// Why src/password/argon2-wasm.ts exists: @phi-ag/argon2 0.5.28's own wrapper passes
// `password.length` (UTF-16 code units) as the byte length of the UTF-8 password, so only a
// prefix of a non-ASCII password is hashed. These tests assert that wrong behaviour: if they
// start failing, the package has fixed it and the reason for our binding is gone.
describe("KNOWN BUG in @phi-ag/argon2 0.5.28's JS wrapper: non-ASCII passwords are truncated", () => {
  const cost = { timeCost: 1, memoryCost: 256, parallelism: 1 };
  // Each is 6 UTF-16 code units but 18 UTF-8 bytes; they share the first 6 bytes ("密码").
  const stored = "密码密码密码";
  const other = "密码甲乙丙丁";

  it("accepts a different password that shares the first UTF-16-length bytes", () => {
    const argon2 = new Argon2(new WebAssembly.Instance(wasm, {}));
    const { encoded } = argon2.hash(stored, cost);
    expect(argon2.tryVerify(encoded, stored).success).toBe(true);
    expect(argon2.tryVerify(encoded, other).success).toBe(true); // should be false
  });

  it("hashes only the first password.length bytes of the UTF-8 encoding", () => {
    const argon2 = new Argon2(new WebAssembly.Instance(wasm, {}));
    const { encoded } = argon2.hash(stored, cost);
    const bytes = new TextEncoder().encode(stored);
    // Our byte-exact binding confirms what was really hashed: 6 bytes, not 18.
    expect(argon2idVerify(encoded, bytes.subarray(0, stored.length), cost.memoryCost)).toBe(true);
    expect(argon2idVerify(encoded, bytes, cost.memoryCost)).toBe(false);
  });
});
