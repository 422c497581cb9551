import { describe, expect, it } from "vitest";
import { base64url, fromBase64url, randomToken, secretsEqual, sha256, timingSafeEqual } from "../src/crypto";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("base64url", () => {
  // RFC 4648 §10 vectors, in the URL-safe alphabet without padding.
  it.each([
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ])("encodes %j as %j", (input, expected) => {
    expect(base64url(text(input))).toBe(expected);
  });

  it.each(["", "f", "fo", "foo", "foob", "fooba", "foobar"])("decodes what it encodes: %j", (input) => {
    expect(new TextDecoder().decode(fromBase64url(base64url(text(input))))).toBe(input);
  });

  it("decodes - and _, and refuses characters outside the alphabet", () => {
    expect([...fromBase64url("-_8")]).toEqual([251, 255]);
    expect(() => fromBase64url("a*b")).toThrow();
  });

  it("uses - and _ where standard base64 has + and /", () => {
    expect(base64url(bytes(251, 255))).toBe("-_8");
    expect(base64url(bytes(0xfb, 0xef, 0xbe))).toBe("----");
    expect(base64url(bytes(0xff, 0xff, 0xff))).toBe("____");
  });

  it("encodes every byte value", () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const encoded = base64url(all);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const standard = encoded.replaceAll("-", "+").replaceAll("_", "/");
    const decoded = Uint8Array.from(atob(standard), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(all);
  });
});

describe("randomToken", () => {
  it("encodes 32 bytes as 43 URL-safe characters by default", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    [16, 22],
    [1, 2],
    [64, 86],
  ])("encodes %i bytes as %i characters", (size, length) => {
    expect(randomToken(size)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
  });

  it("never repeats and uses the whole alphabet", () => {
    const tokens = Array.from({ length: 2000 }, () => randomToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    // 86,000 characters drawn from 64 symbols: each one shows up (all but the last of a token carry 6 random bits).
    const seen = new Set(tokens.join(""));
    expect(seen.size).toBe(64);
  });
});

describe("sha256", () => {
  it("matches the FIPS 180-2 vectors, base64url-encoded", async () => {
    // SHA-256("") = e3b0c442...b855, SHA-256("abc") = ba7816bf...15ad
    expect(await sha256("")).toBe("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    expect(await sha256("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });

  it("hashes the UTF-8 bytes of the string", async () => {
    const digest = await crypto.subtle.digest("SHA-256", text("héllo ✓"));
    expect(await sha256("héllo ✓")).toBe(base64url(new Uint8Array(digest)));
  });
});

describe("timingSafeEqual", () => {
  it.each([
    [bytes(), bytes(), true],
    [bytes(1, 2, 3), bytes(1, 2, 3), true],
    [bytes(1, 2, 3), bytes(1, 2, 4), false],
    [bytes(0, 2, 3), bytes(1, 2, 3), false],
    [bytes(1, 2, 3), bytes(1, 2), false],
    [bytes(1, 2), bytes(1, 2, 3), false],
    [bytes(), bytes(0), false],
    [bytes(0x80), bytes(0x00), false],
  ])("%o vs %o is %s", (a, b, expected) => {
    expect(timingSafeEqual(a, b)).toBe(expected);
  });
});

describe("secretsEqual", () => {
  it.each([
    ["", "", true],
    ["s3cret-token", "s3cret-token", true],
    ["s3cret-token", "s3cret-tokem", false],
    ["s3cret-token", "s3cret-token ", false],
    ["s3cret-token", "", false],
    ["é", "e\u0301", false],
  ])("%j vs %j is %s", async (a, b, expected) => {
    expect(await secretsEqual(a, b)).toBe(expected);
  });
});
