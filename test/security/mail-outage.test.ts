import { expect, inject, test } from "vitest";
import { apiFor } from "./lib/http";
import { strongPassword, uniqueEmail } from "./lib/users";

// The `mail` stack sends through a loopback fake of Resend and retries every second
// (MAIL_RETRY_BASE_SECONDS=1); the fake mails once per idempotency key, as Resend does.
const base = inject("stacks").mail;
const provider = inject("mailProvider");
const api = apiFor(base);

interface Log {
  requests: { key: string | null; status: number }[];
  delivered: { key: string | null; subject: string }[];
}

const down = (to: string, answers: number) =>
  fetch(`${provider}/script`, { method: "POST", body: JSON.stringify({ to, answers: Array.from({ length: answers }, () => ({ status: 503 })) }) });

/** The provider's log for an address once `count` messages were delivered to it; bounded at 15 s. */
async function delivered(to: string, count: number): Promise<Log> {
  for (let i = 0; i < 150; i++) {
    const log = (await (await fetch(`${provider}/log?to=${encodeURIComponent(to)}`)).json()) as Log;
    if (log.delivered.length >= count) return log;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${count} messages delivered to ${to} in 15 s`);
}

test("register and forgot-password answer as usual while the mail provider is down, and the mail arrives once it is back", async () => {
  const [fresh, known] = [uniqueEmail("outage"), uniqueEmail("outage-known")];
  const password = strongPassword();
  // The provider refuses the first tries with 503: two for the one message to `fresh`, four
  // shared by the two messages to `known` (its verification link, then its reset link).
  await Promise.all([down(fresh, 2), down(known, 4)]);
  const answers = [
    await api("POST", "/api/auth/register", { body: { email: fresh, password } }),
    await api("POST", "/api/auth/register", { body: { email: known, password } }),
    await api("POST", "/api/auth/forgot-password", { body: { email: known } }),
  ];
  expect(await Promise.all(answers.map(async (r) => [r.status, await r.json()]))).toEqual([
    [202, { status: "verification_sent" }],
    [202, { status: "verification_sent" }],
    [202, { status: "reset_sent" }],
  ]);

  const one = await delivered(fresh, 1);
  expect(one.requests.map((r) => [r.status, r.key])).toEqual([
    [503, one.delivered[0]!.key],
    [503, one.delivered[0]!.key],
    [200, one.delivered[0]!.key],
  ]);
  const two = await delivered(known, 2);
  expect(two.delivered.map((d) => d.subject).sort()).toEqual(["Confirm your email address", "Reset your password"]);
  // Every try of a message carried its one key, and each key was mailed once.
  const keys = two.delivered.map((d) => d.key);
  expect(new Set(keys).size).toBe(2);
  expect(two.requests.every((r) => keys.includes(r.key))).toBe(true);
  expect(two.requests.filter((r) => r.status === 503)).toHaveLength(4);
});
