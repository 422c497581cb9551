import { afterEach, describe, expect, it, vi } from "vitest";
import { call, outbox, PASSWORD, register, uniqueEmail, verifiedUser } from "../helpers";

afterEach(() => vi.useRealTimers());

const forgot = (email: string) => call("POST", "/api/auth/forgot-password", { body: { email } });

describe("mail cannot be used to flood: 3 messages per address per hour, register and forgot-password together", () => {
  it("ten registrations of one address send three messages, and answer alike", async () => {
    const email = uniqueEmail();
    const answers = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await register(email);
      expect(res.status).toBe(202);
      answers.add(await res.text());
    }
    expect(answers.size).toBe(1);
    expect(await outbox(email)).toHaveLength(3);
  });

  it("register and forgot-password share the budget", async () => {
    const email = await verifiedUser();
    // verifiedUser's registration took one; two more go out, then nothing.
    for (let i = 0; i < 3; i++) expect((await forgot(email)).status).toBe(202);
    expect((await register(email, PASSWORD)).status).toBe(202);
    expect(await outbox(email)).toHaveLength(3);
  });

  it("beyond the budget, a registration changes nothing: the earlier password and link stay", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) await register(email, "the owner's password");
    const before = (await outbox(email))[0]!.text;
    await register(email, "squatter's own password");
    const link = before.match(/token=([\w-]+)/)![1]!;
    const verify = await call("POST", "/api/auth/verify-email", { body: { token: link, password: "the owner's password" } });
    expect(verify.status).toBe(200);
  });

  it("the budget comes back an hour after the first message", async () => {
    const email = uniqueEmail();
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 4; i++) await register(email);
    expect(await outbox(email)).toHaveLength(3);
    vi.setSystemTime(Date.now() + 3600 * 1000 + 1000);
    await register(email);
    expect(await outbox(email)).toHaveLength(4);
  });
});
