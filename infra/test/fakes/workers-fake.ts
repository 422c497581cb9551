import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";
import { multipart, type WorkerMetadata } from "./pages-form";

export interface FakeScript {
  metadata: WorkerMetadata;
  /** Every part of the upload but the metadata: module name → type and bytes. */
  parts: Record<string, { contentType: string; base64: string }>;
  subdomain: { enabled: boolean; previews_enabled: boolean };
  schedules: { cron: string }[];
  /** Query string of the upload (wrangler's excludeScript, bindings_inherit). */
  query: string;
}

export interface WorkersFakeOptions {
  accountId: string;
  token: string;
  /** Service bindings must name a Worker that exists (the API may or may not check; the stricter the better here). */
  strictServiceBindings?: boolean;
  /** Pages deployments that bind a Worker (by service name): deleting it then needs force. */
  boundByPages?: (name: string) => boolean;
}

/**
 * Worker scripts as `wrangler deploy` and the Workers API see them: upload
 * (multipart metadata + modules), the service lookups wrangler makes first,
 * workers.dev settings, cron schedules, and deletion, which refuses a Worker
 * that others still bind unless `force=true`.
 */
export class WorkersFake {
  readonly scripts = new Map<string, FakeScript>();

  constructor(fake: CloudflareFake, private readonly options: WorkersFakeOptions) {
    const script = "/accounts/:account/workers/scripts/:name";
    fake.route("GET", "/accounts/:account/workers/services/:name", (req) => this.authed(req, () => this.service(req.params.name!)));
    fake.route("GET", `${script}/deployments`, (req) => this.authed(req, () => ok({ deployments: [] })));
    fake.route("GET", `${script}/settings`, (req) => this.inScript(req, (s) => ok({ bindings: s.metadata.bindings ?? [], logpush: false })));
    fake.route("GET", "/accounts/:account/workers/subdomain", (req) => this.authed(req, () => ok({ subdomain: "fake-account" })));
    fake.route("PUT", script, (req) => this.authed(req, () => this.upload(req)));
    fake.route("DELETE", script, (req) => this.inScript(req, () => this.remove(req)));
    fake.route("GET", `${script}/subdomain`, (req) => this.inScript(req, (s) => ok(s.subdomain)));
    fake.route("POST", `${script}/subdomain`, (req) =>
      this.inScript(req, (s) => {
        s.subdomain = JSON.parse(req.body.toString("utf8"));
        return ok(s.subdomain);
      }),
    );
    fake.route("DELETE", `${script}/subdomain`, (req) =>
      this.inScript(req, (s) => {
        s.subdomain = { enabled: false, previews_enabled: false };
        return ok(null);
      }),
    );
    fake.route("GET", `${script}/schedules`, (req) => this.inScript(req, (s) => ok({ schedules: s.schedules })));
    fake.route("PUT", `${script}/schedules`, (req) =>
      this.inScript(req, (s) => {
        s.schedules = JSON.parse(req.body.toString("utf8"));
        return ok({ schedules: s.schedules });
      }),
    );
  }

  private service(name: string): FakeResponse {
    const s = this.scripts.get(name);
    if (!s) return failure(404, 10090, "This Worker does not exist on your account.");
    return ok({ id: name, default_environment: { environment: "production", script: { id: name, handlers: ["fetch"] } } });
  }

  private async upload(req: FakeRequest): Promise<FakeResponse> {
    const form = await multipart(req.body, String(req.headers["content-type"]));
    const metadata = JSON.parse(String(form.get("metadata"))) as WorkerMetadata;
    const parts: FakeScript["parts"] = {};
    for (const [name, value] of form.entries()) {
      if (name !== "metadata" && value instanceof Blob) parts[name] = { contentType: value.type, base64: Buffer.from(await value.arrayBuffer()).toString("base64") };
    }
    if (!parts[metadata.main_module]) return failure(400, 10021, `No such module "${metadata.main_module}"`);
    const name = req.params.name!;
    const missing = (metadata.bindings ?? []).find((b) => b.type === "service" && b.service !== name && !this.scripts.has(String(b.service)));
    if (missing && this.options.strictServiceBindings) {
      return failure(400, 10143, `Could not resolve service binding '${String(missing.name)}'. Target script '${String(missing.service)}' not found.`);
    }
    const previous = this.scripts.get(name);
    const subdomain = previous?.subdomain ?? { enabled: true, previews_enabled: true };
    this.scripts.set(name, { metadata, parts, subdomain, schedules: previous?.schedules ?? [], query: req.query.toString() });
    return ok({ id: name, etag: `etag-${this.scripts.size}`, has_modules: true, startup_time_ms: 1 });
  }

  private remove(req: FakeRequest): FakeResponse {
    const name = req.params.name!;
    const bound = [...this.scripts].filter(([other, s]) => other !== name && s.metadata.bindings?.some((b) => b.type === "service" && b.service === name));
    const inUse = bound.length > 0 || this.options.boundByPages?.(name) === true;
    if (inUse && req.query.get("force") !== "true") {
      return failure(409, 10064, `This Worker is still referenced (service bindings of ${bound.map(([o]) => o).join(", ") || "a Pages project"}); delete with force=true`);
    }
    this.scripts.delete(name);
    return ok(null);
  }

  private authed(req: FakeRequest, then: () => FakeResponse | Promise<FakeResponse>) {
    if (bearer(req) !== this.options.token || req.params.account !== this.options.accountId) return failure(403, 10000, "Authentication error");
    return then();
  }

  private inScript(req: FakeRequest, then: (s: FakeScript) => FakeResponse) {
    return this.authed(req, () => {
      const s = this.scripts.get(req.params.name!);
      return s ? then(s) : failure(404, 10007, "This Worker does not exist on your account.");
    });
  }
}
