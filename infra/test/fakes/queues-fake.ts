import { randomUUID } from "node:crypto";
import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";

export interface FakeQueue {
  queue_id: string;
  queue_name: string;
  consumers: Record<string, unknown>[];
}

/**
 * Queues as `wrangler deploy` meets them (looked up by name, consumers added) and as
 * the program's provider manages them: created, renamed, deleted, consumers updated
 * and removed. A queue name is unique in an account.
 */
export class QueuesFake {
  readonly queues = new Map<string, FakeQueue>();

  constructor(fake: CloudflareFake, private readonly options: { accountId: string; token: string }) {
    const base = "/accounts/:account/queues";
    fake.route("GET", base, (req) => this.authed(req, () => this.list(req)));
    fake.route("POST", base, (req) => this.authed(req, () => this.create(JSON.parse(req.body.toString("utf8")).queue_name)));
    fake.route("DELETE", `${base}/:id`, (req) => this.inQueue(req, (q) => (this.queues.delete(q.queue_name), ok(null))));
    fake.route("PUT", `${base}/:id/consumers/:consumer`, (req) =>
      this.inConsumer(req, (q, i) => ok((q.consumers[i] = { ...JSON.parse(req.body.toString("utf8")), consumer_id: req.params.consumer, queue_name: q.queue_name }))),
    );
    fake.route("DELETE", `${base}/:id/consumers/:consumer`, (req) => this.inConsumer(req, (q, i) => (q.consumers.splice(i, 1), ok(null))));
    fake.route("GET", `${base}/:id`, (req) => this.inQueue(req, (q) => ok(q)));
    fake.route("GET", `${base}/:id/consumers`, (req) => this.inQueue(req, (q) => ok(q.consumers)));
    fake.route("POST", `${base}/:id/consumers`, (req) =>
      this.inQueue(req, (q) => {
        const consumer = { ...JSON.parse(req.body.toString("utf8")), consumer_id: randomUUID(), queue_name: q.queue_name };
        q.consumers.push(consumer);
        return ok(consumer);
      }),
    );
  }

  add(name: string): FakeQueue {
    const queue = { queue_id: randomUUID().replaceAll("-", ""), queue_name: name, consumers: [] };
    this.queues.set(name, queue);
    return queue;
  }

  private create(name: string): FakeResponse {
    if (this.queues.has(name)) return failure(409, 11009, "A queue with this name already exists");
    return ok(this.add(name));
  }

  private inConsumer(req: FakeRequest, then: (q: FakeQueue, index: number) => FakeResponse) {
    return this.inQueue(req, (q) => {
      const index = q.consumers.findIndex((c) => c.consumer_id === req.params.consumer);
      return index < 0 ? failure(404, 11002, "Consumer not found") : then(q, index);
    });
  }

  private list(req: FakeRequest): FakeResponse {
    const names = req.query.getAll("name");
    const result = [...this.queues.values()].filter((q) => names.length === 0 || names.includes(q.queue_name));
    const info = { page: 1, per_page: 100, count: result.length, total_count: result.length, total_pages: 1 };
    return { status: 200, body: { success: true, errors: [], messages: [], result, result_info: info } };
  }

  private authed(req: FakeRequest, then: () => FakeResponse) {
    if (bearer(req) !== this.options.token || req.params.account !== this.options.accountId) return failure(403, 10000, "Authentication error");
    return then();
  }

  private inQueue(req: FakeRequest, then: (q: FakeQueue) => FakeResponse) {
    return this.authed(req, () => {
      const q = [...this.queues.values()].find((x) => x.queue_id === req.params.id);
      return q ? then(q) : failure(404, 11000, "Queue not found");
    });
  }
}
