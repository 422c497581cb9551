import { describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem } from "./lib/http";
import { createVerifiedUser, linkToken, newMember, signIn, strongPassword, uniqueEmail } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Bits a token can carry at most: its length times the bits of each character of its alphabet. */
function assertEntropy(tokens: string[], minBits: number): void {
  expect(new Set(tokens).size).toBe(tokens.length);
  for (const token of tokens) {
    expect(token).toMatch(BASE64URL);
    expect(token.length * 6).toBeGreaterThanOrEqual(minBits);
  }
  // With ~1,000 characters drawn, all 64 symbols show up unless the generator is biased
  // (a hex or decimal token would show 16 or 10): the alphabet really carries 6 bits each.
  expect(new Set(tokens.join("")).size).toBe(64);
}

const forgot = (email: string) => api("POST", "/api/auth/forgot-password", { body: { email } });
const reset = (token: string, password = strongPassword()) => api("POST", "/api/auth/reset-password", { body: { token, password } });
const verify = (token: string, password?: string) => api("POST", "/api/auth/verify-email", { body: { token, password } });

describe("emailed tokens", () => {
  it("V2.7.6 V2.3.1 verification and reset links carry at least 128 random bits", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) {
      const email = uniqueEmail("entropy");
      await createVerifiedUser(base, email, strongPassword());
      expect((await forgot(email)).status).toBe(202);
      tokens.push(await linkToken(base, email, "reset"));
    }
    for (let i = 0; i < 12; i++) {
      const email = uniqueEmail("entropy");
      expect((await api("POST", "/api/auth/register", { body: { email, password: strongPassword() } })).status).toBe(202);
      tokens.push(await linkToken(base, email, "verify"));
    }
    assertEntropy(tokens, 128);
  });

  it("V3.2.2 V3.2.4 session tokens carry at least 128 random bits", async () => {
    const member = await newMember(base);
    const cookies = [member.cookie];
    for (let i = 0; i < 23; i++) cookies.push((await signIn(base, member.email, member.password)).cookie);
    assertEntropy(cookies.map((c) => c.slice("__Host-session=".length)), 128);
  });

  it("V2.7.3 a verification link works once", async () => {
    const email = uniqueEmail("once");
    const password = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password } });
    const token = await linkToken(base, email, "verify");
    expect((await verify(token, password)).status).toBe(200);
    await expectProblem(await verify(token, password), 400, "INVALID_TOKEN");
  });

  it("V2.7.3 V2.5.6 a reset link works once", async () => {
    const member = await newMember(base);
    await forgot(member.email);
    const token = await linkToken(base, member.email, "reset");
    expect((await reset(token)).status).toBe(204);
    await expectProblem(await reset(token), 400, "INVALID_TOKEN");
  });

  it("V2.7.3 a newer reset link retires the older one", async () => {
    const member = await newMember(base);
    await forgot(member.email);
    const older = await linkToken(base, member.email, "reset");
    await forgot(member.email);
    const newer = await linkToken(base, member.email, "reset");
    expect(newer).not.toBe(older);
    await expectProblem(await reset(older), 400, "INVALID_TOKEN");
    expect((await reset(newer)).status).toBe(204);
  });

  it("V2.7.3 a newer verification link retires the older one", async () => {
    const email = uniqueEmail("reverify");
    const password = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password } });
    const older = await linkToken(base, email, "verify");
    await api("POST", "/api/auth/register", { body: { email, password } });
    const newer = await linkToken(base, email, "verify");
    await expectProblem(await verify(older, password), 400, "INVALID_TOKEN");
    expect((await verify(newer, password)).status).toBe(200);
  });

  it("V2.5.6 a password change retires every outstanding reset link", async () => {
    const member = await newMember(base);
    await forgot(member.email);
    const token = await linkToken(base, member.email, "reset");
    const change = await api("POST", "/api/auth/change-password", {
      cookie: member.cookie,
      body: { currentPassword: member.password, newPassword: strongPassword() },
    });
    expect(change.status).toBe(204);
    await expectProblem(await reset(token), 400, "INVALID_TOKEN");
  });

  it("V2.5.3 V2.5.1 mail never carries a password, and a reset link changes only its own account", async () => {
    const member = await newMember(base);
    const bystander = await newMember(base, "bystander");
    await forgot(member.email);
    const token = await linkToken(base, member.email, "reset");
    const res = await fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(member.email)}`);
    const text = await res.text();
    expect(text).not.toContain(member.password);
    expect((await reset(token)).status).toBe(204);
    expect((await api("POST", "/api/auth/login", { body: { email: bystander.email, password: bystander.password } })).status).toBe(200);
  });
});

describe("pre-registration takeover", () => {
  it("V2.3.1 V2.5.2 a link without its registrant's password verifies nothing and stays usable", async () => {
    const email = uniqueEmail("bare-token");
    const owner = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password: owner } });
    const token = await linkToken(base, email, "verify");
    await expectProblem(await verify(token), 401, "INVALID_CREDENTIALS");
    await expectProblem(await verify(token, strongPassword()), 401, "INVALID_CREDENTIALS");
    await expectProblem(await api("POST", "/api/auth/login", { body: { email, password: owner } }), 403, "EMAIL_NOT_VERIFIED");
    const res = await verify(token, owner);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-session=") && !c.startsWith("__Host-session=;"))).toBe(true);
  });

  it("V2.3.1 an address registered by a squatter is never theirs: the owner's link needs the squatter's password", async () => {
    const email = uniqueEmail("squatted");
    const squatter = strongPassword();
    const owner = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password: squatter } });
    // The owner receives the link and opens it with their own password: nothing is verified.
    await expectProblem(await verify(await linkToken(base, email, "verify"), owner), 401, "INVALID_CREDENTIALS");
    await expectProblem(await api("POST", "/api/auth/login", { body: { email, password: squatter } }), 403, "EMAIL_NOT_VERIFIED");
    // The owner registers; the latest registration's password counts and the squatter's link dies.
    const squatterLink = await linkToken(base, email, "verify");
    await api("POST", "/api/auth/register", { body: { email, password: owner } });
    await expectProblem(await verify(squatterLink, squatter), 400, "INVALID_TOKEN");
    expect((await verify(await linkToken(base, email, "verify"), owner)).status).toBe(200);
    expect((await api("POST", "/api/auth/login", { body: { email, password: owner } })).status).toBe(200);
    await expectProblem(await api("POST", "/api/auth/login", { body: { email, password: squatter } }), 401, "INVALID_CREDENTIALS");
  });

  it("V2.3.1 a squatter who registers after the owner cannot win the race either", async () => {
    const email = uniqueEmail("race-owner");
    const owner = strongPassword();
    const squatter = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password: owner } });
    await api("POST", "/api/auth/register", { body: { email, password: squatter } });
    // The newest link in the owner's mailbox, opened by the owner: refused, so nothing verified
    // with the squatter's password; the squatter never sees the link.
    await expectProblem(await verify(await linkToken(base, email, "verify"), owner), 401, "INVALID_CREDENTIALS");
    await expectProblem(await api("POST", "/api/auth/login", { body: { email, password: squatter } }), 403, "EMAIL_NOT_VERIFIED");
  });

  it("V2.3.1 once verified, registering the address again changes nothing", async () => {
    const member = await newMember(base);
    const intruder = strongPassword();
    expect((await api("POST", "/api/auth/register", { body: { email: member.email, password: intruder } })).status).toBe(202);
    await expectProblem(await api("POST", "/api/auth/login", { body: { email: member.email, password: intruder } }), 401, "INVALID_CREDENTIALS");
    expect((await api("GET", "/api/auth/session", { cookie: member.cookie })).status).toBe(200);
  });
});
