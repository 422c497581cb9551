import { randomUUID } from "node:crypto";
import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";

/** Workers KV namespaces: created by title, renamed, read and deleted as through the API. */
export class KvFake {
  readonly namespaces = new Map<string, { id: string; title: string }>();

  constructor(fake: CloudflareFake, private readonly options: { accountId: string; token: string }) {
    const base = "/accounts/:account/storage/kv/namespaces";
    fake.route("POST", base, (req) => this.authed(req, () => this.create(req)));
    fake.route("GET", `${base}/:id`, (req) => this.inNamespace(req, (n) => ok(n)));
    fake.route("PUT", `${base}/:id`, (req) =>
      this.inNamespace(req, (n) => {
        n.title = (JSON.parse(req.body.toString("utf8")) as { title: string }).title;
        return ok(n);
      }),
    );
    fake.route("DELETE", `${base}/:id`, (req) =>
      this.inNamespace(req, (n) => {
        this.namespaces.delete(n.id);
        return ok(null);
      }),
    );
  }

  private create(req: FakeRequest): FakeResponse {
    const { title } = JSON.parse(req.body.toString("utf8")) as { title: string };
    if ([...this.namespaces.values()].some((n) => n.title === title)) {
      return failure(400, 10014, "A namespace with this account ID and title already exists.");
    }
    const namespace = { id: randomUUID().replaceAll("-", ""), title };
    this.namespaces.set(namespace.id, namespace);
    return ok(namespace);
  }

  private authed(req: FakeRequest, then: () => FakeResponse) {
    if (bearer(req) !== this.options.token || req.params.account !== this.options.accountId) return failure(403, 10000, "Authentication error");
    return then();
  }

  private inNamespace(req: FakeRequest, then: (n: { id: string; title: string }) => FakeResponse) {
    return this.authed(req, () => {
      const n = this.namespaces.get(req.params.id!);
      return n ? then(n) : failure(404, 10013, "namespace not found");
    });
  }
}
