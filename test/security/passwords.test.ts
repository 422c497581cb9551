import { describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem } from "./lib/http";
import { createVerifiedUser, linkToken, newMember, strongPassword, uniqueEmail } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

const register = (password: string, email = uniqueEmail("pw")) => api("POST", "/api/auth/register", { body: { email, password } });
const login = (email: string, password: string) => api("POST", "/api/auth/login", { body: { email, password } });

/** Registers, verifies and signs in with `password`, failing the test if any step refuses it. */
async function usable(password: string): Promise<string> {
  const email = uniqueEmail("pw");
  await createVerifiedUser(base, email, password);
  expect((await login(email, password)).status).toBe(200);
  return email;
}

describe("password policy", () => {
  it("V2.1.1 fewer than 12 characters are refused; 12 are enough", async () => {
    await expectProblem(await register("abcdefghijk"), 400, "VALIDATION_FAILED");
    await usable("vbnmrtyuqwzx");
  });

  it("V2.1.2 V2.1.3 64 and 128 characters are accepted, 129 refused, and nothing is truncated", async () => {
    await usable("k".repeat(20) + strongPassword().repeat(2).slice(0, 44));
    const long = (strongPassword() + strongPassword() + strongPassword() + strongPassword() + strongPassword() + strongPassword()).slice(0, 128);
    const email = await usable(long);
    await expectProblem(await login(email, long.slice(0, 127)), 401, "INVALID_CREDENTIALS");
    await expectProblem(await login(email, long.slice(0, 72)), 401, "INVALID_CREDENTIALS");
    await expectProblem(await register(`${long}x`), 400, "VALIDATION_FAILED");
  });

  it("V2.1.3 V2.1.4 V2.1.9 spaces, emoji and any script are accepted, with no composition rules", async () => {
    const spaced = `  two  spaces ${strongPassword()}  `;
    const email = await usable(spaced);
    await expectProblem(await login(email, spaced.trim()), 401, "INVALID_CREDENTIALS");
    await usable("🙂🐢🚲🌵🎻🧀🦉🍋🛶🧭🪁🫖");
    await usable("東京特許許可局長今日急遽休暇許可拒否");
    await usable("onlylowercaselettershere");
  });

  it("V2.1.4 a password is compared after NFKC: a composed and a decomposed accent sign in alike", async () => {
    const composed = `caf\u00e9 ${strongPassword()}`;
    const email = await usable(composed);
    expect((await login(email, composed.normalize("NFD"))).status).toBe(200);
  });

  it("V2.1.7 common passwords and the address itself are refused with WEAK_PASSWORD, at sign-up, reset and change", async () => {
    for (const password of ["qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "LeaveMeAlone"]) {
      await expectProblem(await register(password), 400, "WEAK_PASSWORD");
    }
    const email = uniqueEmail("addresslike");
    await expectProblem(await register(email, email), 400, "WEAK_PASSWORD");
    await expectProblem(await register(email.split("@")[0]!, email), 400, "WEAK_PASSWORD");

    const member = await newMember(base);
    const change = await api("POST", "/api/auth/change-password", { cookie: member.cookie, body: { currentPassword: member.password, newPassword: "qwerty123456" } });
    await expectProblem(change, 400, "WEAK_PASSWORD");
    await api("POST", "/api/auth/forgot-password", { body: { email: member.email } });
    const token = await linkToken(base, member.email, "reset");
    await expectProblem(await api("POST", "/api/auth/reset-password", { body: { token, password: member.email } }), 400, "WEAK_PASSWORD");
    expect((await api("POST", "/api/auth/reset-password", { body: { token, password: strongPassword() } })).status).toBe(204);
  });
});

describe("notice of credential changes", () => {
  const mailCount = async (email: string) =>
    ((await (await fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as { messages: unknown[] }).messages.length;

  it("V2.5.5 V2.2.3 the owner is told by email when the password is changed or reset", async () => {
    const member = await newMember(base);
    const before = await mailCount(member.email);
    const newPassword = strongPassword();
    const change = await api("POST", "/api/auth/change-password", { cookie: member.cookie, body: { currentPassword: member.password, newPassword } });
    expect(change.status).toBe(204);
    expect(await mailCount(member.email), "a notice after the change").toBe(before + 1);

    await api("POST", "/api/auth/forgot-password", { body: { email: member.email } });
    const token = await linkToken(base, member.email, "reset");
    const afterLink = await mailCount(member.email);
    expect((await api("POST", "/api/auth/reset-password", { body: { token, password: strongPassword() } })).status).toBe(204);
    expect(await mailCount(member.email), "a notice after the reset").toBe(afterLink + 1);
  });
});
