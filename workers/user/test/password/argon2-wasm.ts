import { describe, expect, it } from "vitest";
import { argon2idHash, argon2idVerify } from "../../src/password/argon2-wasm";

const CHEAP = { memoryKiB: 256, iterations: 1, parallelism: 1 };
const utf8 = (s: string) => new TextEncoder().encode(s);
const salt = () => crypto.getRandomValues(new Uint8Array(16));

describe("our Argon2id binding", () => {
  it("hashes with the UTF-8 byte length, so passwords sharing a byte prefix stay distinct", () => {
    // Both are 6 UTF-16 code units; their first 6 UTF-8 bytes ("密码") are identical.
    const phc = argon2idHash(utf8("密码密码密码"), salt(), CHEAP);
    expect(argon2idVerify(phc, utf8("密码密码密码"), CHEAP.memoryKiB)).toBe(true);
    expect(argon2idVerify(phc, utf8("密码甲乙丙丁"), CHEAP.memoryKiB)).toBe(false);
    expect(argon2idVerify(phc, utf8("密码"), CHEAP.memoryKiB)).toBe(false);
  });

  it("writes a 16-byte salt and a 32-byte hash into the PHC string", () => {
    const phc = argon2idHash(utf8("correct horse battery"), salt(), CHEAP);
    const [, alg, version, cost, saltB64, hashB64] = phc.split("$");
    expect([alg, version, cost]).toEqual(["argon2id", "v=19", "m=256,t=1,p=1"]);
    expect(saltB64).toHaveLength(22); // ceil(16 * 4 / 3), unpadded
    expect(hashB64).toHaveLength(43); // ceil(32 * 4 / 3), unpadded
  });

  it("hashes an empty password without failing", () => {
    const phc = argon2idHash(new Uint8Array(0), salt(), CHEAP);
    expect(argon2idVerify(phc, new Uint8Array(0), CHEAP.memoryKiB)).toBe(true);
    expect(argon2idVerify(phc, utf8("x"), CHEAP.memoryKiB)).toBe(false);
  });
});
