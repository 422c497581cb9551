import { describe, expect, it } from "vitest";
import { createHasher, OWASP_ARGON2 } from "../../src/password/hasher";
import { MAX_COST } from "../../src/password/phc";

const CHEAP = { memoryKiB: 256, iterations: 1, parallelism: 1 };
const cheap = createHasher(CHEAP);

describe("hasher at the OWASP parameters", () => {
  const hasher = createHasher(OWASP_ARGON2);

  it("round-trips a password and writes the parameters into the PHC string", async () => {
    const phc = await hasher.hash("correct horse battery staple");
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.verify(phc, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(phc, "correct horse battery stapler")).toBe(false);
    expect(hasher.needsRehash(phc)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hasher.hash("same password here"), hasher.hash("same password here")]);
    expect(a).not.toBe(b);
  });
});

describe("hasher", () => {
  it("rejects a wrong password, including a different non-ASCII one of equal length", async () => {
    const phc = await cheap.hash("密码密码密码密码密码密码");
    expect(await cheap.verify(phc, "密码密码密码密码密码密码")).toBe(true);
    expect(await cheap.verify(phc, "密码甲乙丙丁密码密码密码")).toBe(false);
    expect(await cheap.verify(phc, "")).toBe(false);
  });

  it("normalises with NFKC: composed/decomposed accents and full-width letters match", async () => {
    const phc = await cheap.hash("Caf\u00e9 au lait, s'il vous pla\u00eet");
    expect(await cheap.verify(phc, "Cafe\u0301 au lait, s'il vous plai\u0302t")).toBe(true);
    const wide = await cheap.hash("ｐａｓｓｗｏｒｄ１２３４");
    expect(await cheap.verify(wide, "password1234")).toBe(true);
  });

  it("answers false, never throws, for malformed or unusable PHC strings", async () => {
    const good = await cheap.hash("a fine password");
    const [, , , , salt, hash] = good.split("$");
    const malformed = [
      "",
      "not a hash",
      good.slice(0, -10),
      good.replace("$argon2id$", "$argon2i$"),
      good.replace("v=19", "v=x"),
      `$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash}$extra`,
      `$argon2id$v=19$m=256,t=1,p=1$${salt}$${hash}!`,
      `$argon2id$v=19$m=256,t=1,p=1$${salt}`,
      `$argon2id$v=19$m=256,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAB$${hash}`, // libargon2 rejects: stray bits
      `$argon2id$v=19$m=${MAX_COST.memoryKiB + 1},t=1,p=1$${salt}$${hash}`, // would eat the isolate
      `$argon2id$v=19$m=256,t=${MAX_COST.iterations + 1},p=1$${salt}$${hash}`,
      `$argon2id$v=19$m=256,t=1,p=0$${salt}$${hash}`,
      `${good}${"A".repeat(300)}`,
      undefined as unknown as string,
    ];
    for (const phc of malformed) expect(await cheap.verify(phc, "a fine password"), String(phc)).toBe(false);
  });

  it("answers false for a non-string password", async () => {
    const phc = await cheap.hash("a fine password");
    expect(await cheap.verify(phc, undefined as unknown as string)).toBe(false);
  });

  it("dummyVerify resolves without throwing, whatever it is given", async () => {
    await expect(cheap.dummyVerify("someone@example.com's guess")).resolves.toBeUndefined();
    await expect(cheap.dummyVerify("")).resolves.toBeUndefined();
    await expect(createHasher(OWASP_ARGON2).dummyVerify("x".repeat(10_000))).resolves.toBeUndefined();
  });

  it("serves concurrent calls of one isolate from the one instance", async () => {
    const passwords = Array.from({ length: 8 }, (_, i) => `concurrent password ${i}`);
    const hashes = await Promise.all(passwords.map((p) => cheap.hash(p)));
    const results = await Promise.all(hashes.map((phc, i) => cheap.verify(phc, passwords[(i + 1) % 8]!)));
    expect(results).toEqual(Array(8).fill(false));
    expect(await Promise.all(hashes.map((phc, i) => cheap.verify(phc, passwords[i]!)))).toEqual(Array(8).fill(true));
  });
});

describe("needsRehash", () => {
  it("is false for a hash made with the configured parameters", async () => {
    expect(cheap.needsRehash(await cheap.hash("a fine password"))).toBe(false);
  });

  it("is true when memory, iterations, parallelism or version differ", async () => {
    const phc = await cheap.hash("a fine password");
    expect(createHasher({ ...CHEAP, memoryKiB: 512 }).needsRehash(phc)).toBe(true);
    expect(createHasher({ ...CHEAP, iterations: 2 }).needsRehash(phc)).toBe(true);
    expect(createHasher({ ...CHEAP, parallelism: 2 }).needsRehash(phc)).toBe(true);
    expect(cheap.needsRehash(phc.replace("v=19", "v=16"))).toBe(true);
  });

  it("is true for anything that is not an Argon2id PHC string", () => {
    expect(cheap.needsRehash("")).toBe(true);
    expect(cheap.needsRehash("$2b$12$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ")).toBe(true);
  });

  it("lets an old hash still verify after the parameters change", async () => {
    const old = await cheap.hash("a fine password");
    const stronger = createHasher({ memoryKiB: 1024, iterations: 2, parallelism: 1 });
    expect(await stronger.verify(old, "a fine password")).toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(stronger.needsRehash(await stronger.hash("a fine password"))).toBe(false);
  });
});

describe("createHasher", () => {
  it("refuses parameters libargon2 would reject or the isolate could not afford", () => {
    const bad = [
      { ...CHEAP, iterations: 0 },
      { ...CHEAP, parallelism: 0 },
      { ...CHEAP, memoryKiB: 7 },
      { ...CHEAP, memoryKiB: MAX_COST.memoryKiB + 1 },
      { ...CHEAP, iterations: 1.5 },
      { ...CHEAP, memoryKiB: Number.NaN },
    ];
    for (const params of bad) expect(() => createHasher(params), JSON.stringify(params)).toThrow(RangeError);
    expect(() => createHasher(MAX_COST)).not.toThrow();
  });
});
