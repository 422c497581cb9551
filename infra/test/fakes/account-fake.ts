import { CloudflareFake } from "./cloudflare-fake";
import { D1Fake } from "./d1-fake";
import { KvFake } from "./kv-fake";
import { PagesFake } from "./pages-fake";
import { QueuesFake } from "./queues-fake";
import { WorkersFake } from "./workers-fake";

/**
 * One Cloudflare account behind one loopback server: D1, KV, Queues, Workers and Pages,
 * aware of each other where the API is (a Worker bound by the live Pages
 * deployment needs force to be deleted; a deployment's service bindings must
 * name Workers that exist).
 */
export class AccountFake {
  readonly http = new CloudflareFake();
  readonly d1: D1Fake;
  readonly kv: KvFake;
  readonly workers: WorkersFake;
  readonly pages: PagesFake;
  readonly queues: QueuesFake;

  constructor(readonly accountId: string, readonly token: string, options: { strict?: boolean } = {}) {
    const strict = options.strict ?? true;
    this.d1 = new D1Fake(this.http, { accountId, token });
    this.kv = new KvFake(this.http, { accountId, token });
    this.queues = new QueuesFake(this.http, { accountId, token });
    this.workers = new WorkersFake(this.http, {
      accountId,
      token,
      strictServiceBindings: strict,
      boundByPages: (name) => [...this.pages.projects.values()].some((p) => this.pages.boundServices(p).includes(name)),
    });
    this.pages = new PagesFake(this.http, { accountId, token, ...(strict ? { workerExists: (name: string) => this.workers.scripts.has(name) } : {}) });
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }
}
