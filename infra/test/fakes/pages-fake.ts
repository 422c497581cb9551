import { bearer, failure, ok, type CloudflareFake, type FakeRequest } from "./cloudflare-fake";

export interface FakeDeployment {
  id: string;
  url: string;
  branch: string;
  manifest: Record<string, string>;
  workerMetadata: Record<string, unknown> | undefined;
  workerCode: string | undefined;
  files: Record<string, string>;
}

/**
 * Pages direct upload: upload token, check-missing, upload, upsert-hashes and
 * deployment creation, answering as the API does for `wrangler pages deploy`.
 */
export class PagesFake {
  readonly assets = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly deployments: FakeDeployment[] = [];
  /** Upload tokens stop working after this many asset calls (then 401, code 8000013). */
  jwtUses = Infinity;
  private issued = 0;
  private uses = 0;

  constructor(fake: CloudflareFake, private readonly options: { accountId: string; projectName: string; token: string }) {
    const project = "/accounts/:account/pages/projects/:project";
    fake.route("GET", `${project}/upload-token`, (req) => this.projectCall(req, () => ok({ jwt: this.issue() })));
    fake.route("POST", "/pages/assets/check-missing", (req) =>
      this.assetCall(req, (body: { hashes: string[] }) => ok(body.hashes.filter((h) => !this.assets.has(h)))),
    );
    fake.route("POST", "/pages/assets/upload", (req) =>
      this.assetCall(req, (files: { key: string; value: string; metadata: { contentType: string }; base64: boolean }[]) => {
        for (const f of files) this.assets.set(f.key, { bytes: Buffer.from(f.value, "base64"), contentType: f.metadata.contentType });
        return ok({ successful_key_count: files.length, unsuccessful_keys: [] }, 201);
      }),
    );
    fake.route("POST", "/pages/assets/upsert-hashes", (req) => this.assetCall(req, () => ok(true)));
    fake.route("POST", `${project}/deployments`, (req) => this.projectCall(req, () => this.deploy(req)));
  }

  private issue(): string {
    this.issued++;
    this.uses = 0;
    const payload = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 300, n: this.issued })).toString("base64url");
    return `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`;
  }

  private projectCall(req: FakeRequest, then: () => ReturnType<typeof ok> | Promise<ReturnType<typeof ok>>) {
    if (bearer(req) !== this.options.token) return failure(403, 10000, "Authentication error");
    if (req.params.account !== this.options.accountId || req.params.project !== this.options.projectName) {
      return failure(404, 8000007, "Project not found. The specified project name does not match any of your existing projects.");
    }
    return then();
  }

  private assetCall<T>(req: FakeRequest, then: (body: T) => ReturnType<typeof ok>) {
    if (!this.isCurrent(bearer(req) ?? "") || ++this.uses > this.jwtUses) return failure(401, 8000013, "Authorization failed");
    return then(JSON.parse(req.body.toString("utf8")) as T);
  }

  private isCurrent(jwt: string): boolean {
    try {
      return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")).n === this.issued;
    } catch {
      return false;
    }
  }

  private async deploy(req: FakeRequest) {
    const form = await new Response(req.body, { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
    const manifest = JSON.parse(String(form.get("manifest"))) as Record<string, string>;
    const missing = Object.values(manifest).filter((hash) => !this.assets.has(hash));
    if (missing.length > 0) return failure(400, 8000096, `Failed to publish assets: missing ${missing.join(", ")}`);
    const files: Record<string, string> = {};
    for (const name of ["_headers", "_redirects", "_routes.json"]) {
      const part = form.get(name);
      if (part instanceof Blob) files[name] = await part.text();
    }
    const bundle = form.get("_worker.bundle");
    const worker = bundle instanceof Blob ? await readBundle(await bundle.text()) : undefined;
    const id = `${this.deployments.length + 1}f6a0c2e-9d1b-4c55-8e2f-0a1b2c3d4e5f`;
    const deployment = {
      id,
      url: `https://${id.slice(0, 8)}.${this.options.projectName}.pages.dev`,
      branch: String(form.get("branch")),
      manifest,
      workerMetadata: worker?.metadata,
      workerCode: worker?.code,
      files,
    };
    this.deployments.push(deployment);
    return ok({ id, url: deployment.url, environment: "production", deployment_trigger: { type: "ad_hoc" } });
  }
}

/** `_worker.bundle` is itself multipart: its first line names the boundary. */
async function readBundle(text: string) {
  const boundary = text.slice(2, text.indexOf("\r\n"));
  const form = await new Response(text, { headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }).formData();
  const main = form.get("_worker.js");
  return {
    metadata: JSON.parse(String(form.get("metadata"))) as Record<string, unknown>,
    code: main instanceof Blob ? await main.text() : undefined,
  };
}
