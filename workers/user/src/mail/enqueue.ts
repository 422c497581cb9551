import { getConfig } from "../config";
import { settleMail, trackMail } from "./in-flight";
import { newMailKey, type MailJob } from "./job";

type NewJob = MailJob extends infer J ? (J extends MailJob ? Omit<J, "key"> : never) : never;

/**
 * Queues a message for the consumer (see mail/consumer.ts) and returns at once: the
 * caller's answer never waits for the mail provider, nor fails when it is down.
 */
export async function queueMail(env: Env, job: NewJob): Promise<void> {
  const queued = { ...job, key: newMailKey(job.kind) } as MailJob;
  const local = getConfig(env).local;
  if (local) trackMail(queued.key);
  try {
    await env.MAIL_QUEUE.send(queued, { contentType: "json" });
  } catch (error) {
    if (local) settleMail(queued.key);
    throw error;
  }
}
