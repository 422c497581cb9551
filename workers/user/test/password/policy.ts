import { describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD_LIMITS, passwordProblems } from "../../src/password/policy";

describe("passwordProblems", () => {
  it("accepts 12 to 128 characters by default, with no composition rules", () => {
    expect(DEFAULT_PASSWORD_LIMITS).toEqual({ min: 12, max: 128 });
    expect(passwordProblems("aaaaaaaaaaaa")).toEqual([]);
    expect(passwordProblems("a".repeat(128))).toEqual([]);
  });

  it("refuses one character too few or too many, and never truncates", () => {
    expect(passwordProblems("a".repeat(11))).toEqual(["Password must be at least 12 characters long."]);
    expect(passwordProblems("a".repeat(129))).toEqual(["Password must be at most 128 characters long."]);
    expect(passwordProblems("")).toHaveLength(1);
  });

  it("counts code points, not UTF-16 units or bytes", () => {
    expect(passwordProblems("🐎".repeat(12))).toEqual([]); // 24 UTF-16 units, 48 bytes
    expect(passwordProblems("🐎".repeat(11))).toHaveLength(1);
    expect(passwordProblems("🐎".repeat(128))).toEqual([]);
    expect(passwordProblems("密".repeat(129))).toHaveLength(1);
  });

  it("counts after NFKC, the form that gets hashed", () => {
    // 12 decomposed "é" are 24 code points as typed, 12 after NFKC.
    expect(passwordProblems("e\u0301".repeat(12), { min: 12, max: 12 })).toEqual([]);
    // The ligature "ﬃ" is one code point as typed, three ("ffi") after NFKC.
    expect(passwordProblems("\ufb03".repeat(4), { min: 1, max: 11 })).toHaveLength(1);
  });

  it("uses the limits it is given", () => {
    expect(passwordProblems("abcdefgh", { min: 8, max: 64 })).toEqual([]);
    expect(passwordProblems("abcdefgh", { min: 10, max: 64 })).toEqual([
      "Password must be at least 10 characters long.",
    ]);
  });

  it("runs the extra checks it is given on the normalised password", () => {
    const seen: string[] = [];
    const notCommon = (p: string) => (seen.push(p), p === "password1234" ? "Password is too common." : undefined);
    expect(passwordProblems("ｐａｓｓｗｏｒｄ１２３４", DEFAULT_PASSWORD_LIMITS, [notCommon])).toEqual([
      "Password is too common.",
    ]);
    expect(seen).toEqual(["password1234"]);
  });
});
