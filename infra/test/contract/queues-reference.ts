import type { AccountFake } from "../fakes/account-fake";

/**
 * A Worker with a queue producer, a queue consumer (with a dead-letter queue)
 * and a cron trigger: what wrangler sends for them is kept as the reference for
 * mapping `queues` and `triggers` of a wrangler.jsonc, which the program refuses today.
 */
export const QUEUES = {
  script: "workers-users-staging-mail-reference",
  queue: "workers-users-staging-mail",
  deadLetter: "workers-users-staging-mail-dlq",
  cron: "*/5 * * * *",
};

export function queuesConfig(): Record<string, unknown> {
  return {
    name: QUEUES.script,
    main: "index.js",
    no_bundle: true,
    compatibility_date: "2026-04-20",
    workers_dev: false,
    preview_urls: false,
    queues: {
      producers: [{ binding: "MAIL_QUEUE", queue: QUEUES.queue }],
      consumers: [{ queue: QUEUES.queue, max_batch_size: 10, max_batch_timeout: 5, max_retries: 3, dead_letter_queue: QUEUES.deadLetter }],
    },
    triggers: { crons: [QUEUES.cron] },
  };
}

export function prepareQueues(account: AccountFake): void {
  account.queues.add(QUEUES.queue);
  account.queues.add(QUEUES.deadLetter);
}

export function collectQueues(account: AccountFake) {
  const script = account.workers.scripts.get(QUEUES.script)!;
  return {
    bindings: script.metadata.bindings ?? [],
    consumers: account.queues.queues.get(QUEUES.queue)!.consumers.map(({ consumer_id: _id, queue_name: _name, ...body }) => body),
    schedules: script.schedules,
  };
}
