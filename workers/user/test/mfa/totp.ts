import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateTOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { matchingStep, stepAt } from "../../src/mfa/totp";
import { call, login, problemOf, verifiedUser } from "../helpers";
import { userIdOf } from "../admin/fixtures";
import { callWith } from "../security/broken-bindings";
import { codeAt, enrolTotp, fakeClock, firstStep, T0, userWithTotp, verify } from "./support";

afterEach(() => vi.useRealTimers());

// RFC 6238 appendix B, SHA-1: the 20-byte ASCII key "12345678901234567890", 8 digits, 30 s steps.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("the library gives RFC 6238's SHA-1 code at T=%i, and our check accepts its 6 digits then", (t, expected) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t * 1000);
    expect(generateTOTP(RFC_KEY, 30, 8)).toBe(expected);
    // 6 digits are the same HOTP value modulo 10^6: the last six of the 8-digit vector.
    expect(matchingStep(RFC_KEY, expected.slice(2), t, 0)).toBe(stepAt(t));
  });

  it("accepts one step of drift either way, not two, and never a step at or before the last accepted one", () => {
    const secret = crypto.getRandomValues(new Uint8Array(20));
    const code = (t: number) => generateHotpAt(secret, t);
    expect(matchingStep(secret, code(T0 - 30), T0, 0)).toBe(stepAt(T0) - 1);
    expect(matchingStep(secret, code(T0 + 30), T0, 0)).toBe(stepAt(T0) + 1);
    expect(matchingStep(secret, code(T0 - 60), T0, 0)).toBeNull();
    expect(matchingStep(secret, code(T0 + 60), T0, 0)).toBeNull();
    expect(matchingStep(secret, code(T0), T0, stepAt(T0))).toBeNull();
    expect(matchingStep(secret, "12345", T0, 0)).toBeNull();
  });

  it("enrolment gives a base32 secret and an otpauth:// URL, and TOTP is on only after a valid code", async () => {
    fakeClock();
    const email = await verifiedUser("enrol");
    const cookie = await login(email);
    const started = await call("POST", "/api/account/mfa/totp", { cookie });
    const { secret, otpauthUrl } = (await started.json()) as { secret: string; otpauthUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe("otpauth:");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, algorithm: "SHA1", digits: "6", period: "30" });
    expect(decodeURIComponent(url.pathname)).toContain(email);
    // Not on yet: the password alone still signs in.
    expect((await (await call("POST", "/api/auth/login", { body: { email, password: "correct horse battery staple" } })).json()) as object).toHaveProperty("user");
    const wrong = await call("POST", "/api/account/mfa/totp/confirm", { cookie, body: { code: codeAt(secret, T0 + 90) } });
    expect((await problemOf(wrong)).code).toBe("INVALID_MFA_CODE");
    const right = await call("POST", "/api/account/mfa/totp/confirm", { cookie, body: { code: codeAt(secret) } });
    expect(((await right.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    expect(await (await call("GET", "/api/account/mfa", { cookie })).json()).toEqual({ totp: true, recoveryCodesLeft: 10, passkeys: 0, methods: ["totp", "recovery_code"] });
    expect((await problemOf(await call("POST", "/api/account/mfa/totp", { cookie }))).code).toBe("CONFLICT");
  });

  it("refuses a code used once already in its window (replay), at sign-in as at enrolment", async () => {
    fakeClock();
    const user = await userWithTotp("replay");
    const code = codeAt(user.secret, T0 + 30);
    expect((await verify(await firstStep(user.email), { code })).status).toBe(200);
    const again = await verify(await firstStep(user.email), { code });
    expect((await problemOf(again)).code).toBe("INVALID_MFA_CODE");
    // The enrolment's own code (step T0) is behind the last accepted step too.
    expect((await problemOf(await verify(await firstStep(user.email), { code: codeAt(user.secret, T0) }))).code).toBe("INVALID_MFA_CODE");
  });

  it("keeps the secret out of D1 in clear: the row holds AES-GCM ciphertext only, sealed to its user", async () => {
    const user = await userWithTotp("at-rest");
    const row = await env.DB.prepare("SELECT * FROM mfa_totp WHERE user_id = ?").bind(user.id).first<Record<string, unknown>>();
    const raw = decodeBase32IgnorePadding(user.secret);
    const hex = [...raw].map((b) => b.toString(16).padStart(2, "0")).join("");
    const b64 = btoa(String.fromCharCode(...raw));
    for (const value of Object.values(row!).map(String)) {
      for (const form of [user.secret, user.secret.toLowerCase(), hex, b64]) expect(value).not.toContain(form);
    }
    expect(atob(String(row!.secret_ciphertext))).toHaveLength(20 + 16);
    // Moved to another user's row, the ciphertext does not open (the user id is its associated data).
    const other = await userWithTotp("other");
    await env.DB.prepare("UPDATE mfa_totp SET secret_ciphertext = ?, secret_iv = ? WHERE user_id = ?").bind(row!.secret_ciphertext, row!.secret_iv, other.id).run();
    const res = await verify(await firstStep(other.email), { code: codeAt(user.secret) });
    expect((await problemOf(res)).code).toBe("MFA_UNAVAILABLE");
    const codes = await env.DB.prepare("SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ?").bind(user.id).all<{ code_hash: string }>();
    for (const code of user.recoveryCodes) expect(JSON.stringify(codes.results)).not.toContain(code.replaceAll("-", ""));
  });

  it("without a valid MFA_ENCRYPTION_KEY, enrolment and the second step fail closed with 503 MFA_UNAVAILABLE", async () => {
    const user = await userWithTotp("no-key");
    const email = await verifiedUser("no-key-enrol");
    const cookie = await login(email);
    for (const key of [undefined, "", "not base64!", btoa("sixteen bytes!!!")]) {
      const enrol = await callWith({ MFA_ENCRYPTION_KEY: key }, "POST", "/api/account/mfa/totp", { cookie });
      expect(enrol.status).toBe(503);
      expect(await problemOf(enrol)).toMatchObject({ code: "MFA_UNAVAILABLE" });
      const pending = await firstStep(user.email);
      const second = await callWith({ MFA_ENCRYPTION_KEY: key }, "POST", "/api/auth/mfa/verify", { cookie: pending, body: { code: codeAt(user.secret) } });
      expect(second.status).toBe(503);
    }
    expect(await env.DB.prepare("SELECT 1 FROM mfa_totp WHERE user_id = ?").bind(await userIdOf(email)).first()).toBeNull();
  });
});

function generateHotpAt(secret: Uint8Array, t: number): string {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t * 1000);
  const code = generateTOTP(secret, 30, 6);
  vi.useRealTimers();
  return code;
}
