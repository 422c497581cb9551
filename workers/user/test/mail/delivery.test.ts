import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import wranglerJsonc from "../../wrangler.jsonc?raw";
import { retryAfterSeconds } from "../../src/email/resend";
import { alreadyRegisteredEmail, passwordChangedEmail, resetEmail, verificationEmail } from "../../src/email/templates";
import { retryDelay } from "../../src/mail/backoff";
import { deliverBatch, type DeadLetter } from "../../src/mail/consumer";
import { newMailKey, type MailJob } from "../../src/mail/job";
import { uniqueEmail } from "../helpers";

// Fault injection against a loopback fake of Resend (test/setup/fake-mail-provider.ts), which,
// like Resend, mails once per idempotency key and answers a repeated key with the first answer.
const FAKE = env.TEST_MAIL_PROVIDER_URL;
const MAX_RETRIES = Number(/"max_retries":\s*(\d+)/.exec(wranglerJsonc)![1]);

interface Log {
  requests: { key: string | null; status: number; authorization: string | null }[];
  delivered: { key: string | null; subject: string }[];
}

const script = (to: string, answers: { status: number; headers?: Record<string, string>; delayMs?: number }[]) =>
  fetch(`${FAKE}/script`, { method: "POST", body: JSON.stringify({ to, answers }) });
const logOf = async (to: string) => (await (await fetch(`${FAKE}/log?to=${encodeURIComponent(to)}`)).json()) as Log;

function job(to = uniqueEmail("mail")): MailJob {
  return { key: newMailKey("verification"), to, locale: "en", kind: "verification", link: "https://app.example/verify?token=SECRET", ttl: 86400 };
}

/** The user Worker's env with Resend (the fake) as provider, a short send timeout, and a recorded dead-letter queue. */
function resendEnv() {
  const deadLetters: DeadLetter[] = [];
  const deadLetterQueue = { send: async (body: DeadLetter) => void deadLetters.push(body) } as unknown as Queue;
  const e = { ...env, EMAIL_PROVIDER: "resend", RESEND_API_KEY: "re_test", RESEND_API_URL: FAKE, MAIL_SEND_TIMEOUT_MS: "300", MAIL_DEAD_LETTER: deadLetterQueue };
  return { env: e as Env, deadLetters };
}

/**
 * Delivers `jobs` as one batch on try `attempts`, as the queue would, and answers what the
 * consumer told the queue: acknowledged ids and retries with their delays. `crashOnAck`
 * makes the Worker die when it acknowledges that message (after the provider took it).
 */
async function deliver(e: Env, jobs: MailJob[], attempts = 1, crashOnAck?: number) {
  const batch = createMessageBatch<MailJob>("workers-users-mail", jobs.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })));
  const retries: { msgId: string; delaySeconds: number | undefined }[] = [];
  batch.messages.forEach((message, i) => {
    const [ack, retry] = [message.ack.bind(message), message.retry.bind(message)];
    message.ack = () => (i === crashOnAck ? crash() : ack());
    message.retry = (options) => (retries.push({ msgId: message.id, delaySeconds: options?.delaySeconds }), retry(options));
  });
  const ctx = createExecutionContext();
  const crashed = await deliverBatch(batch, e).then(() => null, (error: unknown) => error);
  return { crashed, acked: (await getQueueResult(batch, ctx)).explicitAcks, retries };
}

function crash(): never {
  throw new Error("evicted");
}

afterEach(() => vi.restoreAllMocks());

describe("queued mail against a failing provider", () => {
  it("a 500 then a 200: retried with backoff, sent once, with the same idempotency key and the API key", async () => {
    const { env: e } = resendEnv();
    const message = job();
    await script(message.to, [{ status: 500 }]);
    const first = await deliver(e, [message]);
    expect(first.acked).toEqual([]);
    expect(first.retries).toEqual([{ msgId: "m0", delaySeconds: 30 }]);
    expect((await deliver(e, [message], 2)).acked).toEqual(["m0"]);
    const log = await logOf(message.to);
    expect(log.requests.map((r) => [r.status, r.key, r.authorization])).toEqual([
      [500, message.key, "Bearer re_test"],
      [200, message.key, "Bearer re_test"],
    ]);
    expect(log.delivered).toEqual([{ key: message.key, subject: "Confirm your email address" }]);
  });

  it("a 429 with Retry-After is retried when the provider asks, not before", async () => {
    const { env: e } = resendEnv();
    const message = job();
    await script(message.to, [{ status: 429, headers: { "Retry-After": "7" } }]);
    expect((await deliver(e, [message])).retries).toEqual([{ msgId: "m0", delaySeconds: 7 }]);
    expect((await deliver(e, [message], 2)).acked).toEqual(["m0"]);
    expect((await logOf(message.to)).delivered).toHaveLength(1);
  });

  it("an answer that never comes in time is retried with the same key, and the mail goes out once", async () => {
    const { env: e } = resendEnv();
    const message = job();
    // The provider takes the mail but answers after the 300 ms the consumer waits.
    await script(message.to, [{ status: 200, delayMs: 1000 }]);
    expect((await deliver(e, [message])).retries).toEqual([{ msgId: "m0", delaySeconds: 30 }]);
    expect((await deliver(e, [message], 2)).acked).toEqual(["m0"]);
    const log = await logOf(message.to);
    expect(log.requests.map((r) => r.key)).toEqual([message.key, message.key]);
    expect(log.delivered).toHaveLength(1);
  });

  it("a 422 is parked in the dead-letter queue at once, with why, and never retried", async () => {
    const { env: e, deadLetters } = resendEnv();
    const message = job();
    await script(message.to, [{ status: 422 }]);
    const { acked, retries } = await deliver(e, [message]);
    expect(acked).toEqual(["m0"]);
    expect(retries).toEqual([]);
    expect(deadLetters).toEqual([{ ...message, failure: { reason: "refused", status: 422, attempts: 1 } }]);
    expect((await logOf(message.to)).requests).toHaveLength(1);
  });

  it("a consumer that crashes mid-batch sends nothing twice: the rest is retried with the same keys", async () => {
    const { env: e } = resendEnv();
    const jobs = [job(), job(), job()];
    // Dies after the provider took the second message, before it could be acknowledged.
    const first = await deliver(e, jobs, 1, 1);
    expect(first.crashed).toBeInstanceOf(Error);
    expect(first.acked).toEqual(["m0"]);
    // The queue delivers what was not acknowledged again.
    expect((await deliver(e, jobs.slice(1), 2)).acked).toEqual(["m0", "m1"]);
    for (const j of jobs) expect((await logOf(j.to)).delivered).toEqual([{ key: j.key, subject: "Confirm your email address" }]);
    expect((await logOf(jobs[1]!.to)).requests.map((r) => r.key)).toEqual([jobs[1]!.key, jobs[1]!.key]);
  });

  it(`with the provider down for an hour, the mail is sent within ${MAX_RETRIES} retries and 10 minutes of its return`, async () => {
    const { env: e, deadLetters } = resendEnv();
    const message = job();
    let clock = 0;
    let attempts = 1;
    for (; attempts <= MAX_RETRIES + 1; attempts++) {
      await script(message.to, [{ status: clock < 3600 ? 503 : 200 }]);
      const { acked, retries } = await deliver(e, [message], attempts);
      if (acked.length === 1) break;
      clock += retries[0]!.delaySeconds!;
    }
    expect(attempts).toBeLessThanOrEqual(MAX_RETRIES + 1);
    expect(clock).toBeGreaterThanOrEqual(3600);
    expect(clock - 3600).toBeLessThanOrEqual(600);
    expect((await logOf(message.to)).delivered).toHaveLength(1);
    expect(deadLetters).toEqual([]);
  });

  it("a body that is not a mail job is dead-lettered, never sent", async () => {
    const { env: e, deadLetters } = resendEnv();
    const batch = createMessageBatch("workers-users-mail", [{ id: "x", timestamp: new Date(), attempts: 1, body: { to: "a@b.co" } }]);
    await deliverBatch(batch, e);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["x"]);
    expect(deadLetters).toEqual([{ failure: { reason: "not a mail job", attempts: 1 } }]);
  });

  it("logs outcomes by kind and key only, never the address or the link", async () => {
    const lines: string[] = [];
    for (const level of ["log", "warn", "error"] as const) vi.spyOn(console, level).mockImplementation((...args) => void lines.push(args.join(" ")));
    const { env: e } = resendEnv();
    const message = job();
    await script(message.to, [{ status: 500 }]);
    await deliver(e, [message]);
    await deliver(e, [message], 2);
    expect(lines.join("\n")).toContain(message.key);
    expect(lines.join("\n")).not.toMatch(/SECRET|mail-/);
  });
});

describe("retry timing", () => {
  it("doubles from the base up to the cap, and takes the provider's Retry-After as given (up to the queue's 12 h)", () => {
    const policy = { base: 30, max: 600 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, undefined, policy))).toEqual([30, 60, 120, 240, 480, 600, 600]);
    expect(retryDelay(1, 7, policy)).toBe(7);
    expect(retryDelay(1, 99_999, policy)).toBe(12 * 3600);
    expect(retryAfterSeconds("12")).toBe(12);
    expect(retryAfterSeconds(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThanOrEqual(4);
    expect(retryAfterSeconds("soon")).toBeUndefined();
  });
});

describe("templates", () => {
  it("put the link in text and HTML, escaped in HTML", () => {
    const link = 'https://app.example/verify?token=abc&x="<y>"';
    for (const email of [verificationEmail(link, 86400), resetEmail(link, 1800)]) {
      expect(email.text).toContain(link);
      expect(email.html).toContain("https://app.example/verify?token=abc&amp;x=&quot;&lt;y&gt;&quot;");
      expect(email.html).not.toContain('"<y>"');
    }
    expect(verificationEmail("l", 86400).text).toContain("24 hours");
    expect(resetEmail("l", 1800).text).toContain("30 minutes");
  });

  it("carry no token in the notices", () => {
    expect(alreadyRegisteredEmail("https://app.example/login", "https://app.example/forgot").text).not.toContain("token");
    expect(passwordChangedEmail("https://app.example/forgot").text).not.toContain("token");
  });
});
