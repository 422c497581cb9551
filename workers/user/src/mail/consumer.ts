import { getConfig } from "../config";
import { mailer } from "../email";
import type { SendResult } from "../email/types";
import { retryDelay } from "./backoff";
import { settleMail } from "./in-flight";
import { parseMailJob, renderJob, signed, type MailJob } from "./job";

/** What the dead-letter queue holds for a message parked by the consumer: the job as queued, and why. */
export type DeadLetter = Partial<MailJob> & { failure: { reason: string; status?: number; attempts: number } };

/**
 * The queue consumer. Each message is acknowledged on its own as soon as it is sent,
 * so a crash mid-batch retries only the rest; a retried send carries the same
 * idempotency key, so the provider never mails twice. Errors that may pass are
 * retried with backoff; refusals are parked in the dead-letter queue at once.
 */
export async function deliverBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const config = getConfig(env);
  const provider = mailer(env);
  const policy = { base: config.mail.retryBaseSeconds, max: config.mail.retryMaxSeconds };
  for (const message of batch.messages) {
    const job = parseMailJob(message.body);
    if (job === null) {
      await deadLetter(env, { failure: { reason: "not a mail job", attempts: message.attempts } }, "unknown");
      message.ack();
      continue;
    }
    const result = await provider.send(signed(renderJob(job, config.appUrl), config.appName), job.key);
    await settle(env, message, job, result, policy);
  }
}

async function settle(env: Env, message: Message<unknown>, job: MailJob, result: SendResult, policy: { base: number; max: number }) {
  if (result.type === "sent") {
    message.ack();
    log("sent", job, message.attempts);
  } else if (result.type === "transient") {
    const delaySeconds = retryDelay(message.attempts, result.retryAfter, policy);
    // After its last try the queue moves the message to the dead-letter queue itself.
    message.retry({ delaySeconds });
    log("retry", job, message.attempts, { reason: result.reason, delaySeconds });
    return;
  } else {
    await deadLetter(env, { ...job, failure: { reason: "refused", status: result.status, attempts: message.attempts } }, job.kind);
    message.ack();
  }
  settleMail(job.key);
}

async function deadLetter(env: Env, letter: DeadLetter, kind: string): Promise<void> {
  await env.MAIL_DEAD_LETTER.send(letter, { contentType: "json" });
  log("dead-lettered", { kind, key: letter.key ?? "" }, letter.failure.attempts, { reason: letter.failure.reason, status: letter.failure.status });
}

/** One JSON line per outcome: kind and key (a random id), never the address, the link or the body. */
function log(outcome: string, job: { kind: string; key: string }, attempts: number, extra: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ mail: outcome, kind: job.kind, key: job.key, attempts, ...extra });
  if (outcome === "sent") console.log(line);
  else console.warn(line);
}
