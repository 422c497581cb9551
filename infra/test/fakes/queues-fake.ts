import { randomUUID } from "node:crypto";
import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";

export interface FakeQueue {
  queue_id: string;
  queue_name: string;
  consumers: Record<string, unknown>[];
}

/** Queues as `wrangler deploy` meets them for `queues.producers` and `queues.consumers`: looked up by name, consumers added. */
export class QueuesFake {
  readonly queues = new Map<string, FakeQueue>();

  constructor(fake: CloudflareFake, private readonly options: { accountId: string; token: string }) {
    const base = "/accounts/:account/queues";
    fake.route("GET", base, (req) => this.authed(req, () => this.list(req)));
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
