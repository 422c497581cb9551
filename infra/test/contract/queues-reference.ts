import type { AccountFake } from "../fakes/account-fake";

/** The staging stack's mail queues, which wrangler looks up by name when it deploys workers/user/wrangler.jsonc. */
export const USER_QUEUES = {
  script: "workers-users-staging-user",
  queue: "workers-users-staging-mail",
  deadLetter: "workers-users-staging-mail-dead-letter",
};

export function prepareQueues(account: AccountFake): void {
  for (const name of [USER_QUEUES.queue, USER_QUEUES.deadLetter]) account.queues.add(name);
}

/** What `wrangler deploy` of the user Worker registered besides its upload: its queue consumer and its cron schedules. */
export function collectQueues(account: AccountFake) {
  const consumers = account.queues.queues.get(USER_QUEUES.queue)!.consumers.map(({ consumer_id: _id, queue_name: _name, ...body }) => body);
  return { consumers, schedules: account.workers.scripts.get(USER_QUEUES.script)!.schedules };
}
