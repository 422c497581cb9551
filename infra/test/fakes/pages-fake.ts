import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";
import { PagesAssetsFake } from "./pages-assets-fake";
import { PagesDeployments, type Configs, type FakeDeployment, type FakeProject } from "./pages-deployments";
import { readDeploymentForm } from "./pages-form";

export type { FakeDeployment, FakeProject } from "./pages-deployments";

export interface PagesFakeOptions {
  accountId: string;
  token: string;
  /** A project that exists from the start (tests of the upload alone). */
  projectName?: string;
  /** Service bindings of a deployment must name a Worker for which this is true. */
  workerExists?: (name: string) => boolean;
}

/**
 * Pages as `wrangler pages deploy` and the Pulumi program meet it: projects, the
 * direct upload, deployments that move through their stages as they are polled,
 * their logs, listing and deleting them. Rules the API enforces are enforced here:
 * the live production deployment cannot be deleted, an aliased one only with
 * `force=true`, a project with too many deployments not at all (code 8000076).
 */
export class PagesFake {
  readonly projects = new Map<string, FakeProject>();
  readonly uploads: PagesAssetsFake;
  readonly store = new PagesDeployments(this.projects);
  /** A project with more deployments than this cannot be deleted. */
  maxDeploymentsToDelete = 100;
  private failNext: string[] = [];

  constructor(fake: CloudflareFake, private readonly options: PagesFakeOptions) {
    this.uploads = new PagesAssetsFake(fake);
    if (options.projectName) this.createProject(options.projectName, "main");
    const base = "/accounts/:account/pages/projects";
    const project = `${base}/:project`;
    fake.route("POST", base, (req) => this.auth(req, () => this.create(req)));
    fake.route("GET", project, (req) => this.inProject(req, (p) => ok(this.view(p))));
    fake.route("DELETE", project, (req) => this.inProject(req, (p) => this.deleteProject(p)));
    fake.route("PATCH", project, (req) =>
      this.inProject(req, (p) => {
        const body = JSON.parse(req.body.toString("utf8")) as { deployment_configs?: Configs };
        if (body.deployment_configs) p.deployment_configs = { ...p.deployment_configs, ...body.deployment_configs };
        return ok(this.view(p));
      }),
    );
    fake.route("GET", `${project}/upload-token`, (req) => this.inProject(req, () => ok({ jwt: this.uploads.issue() })));
    fake.route("POST", `${project}/deployments`, (req) => this.inProject(req, (p) => this.deploy(p, req)));
    fake.route("GET", `${project}/deployments`, (req) => this.inProject(req, (p) => this.store.list(p, req)));
    fake.route("GET", `${project}/deployments/:id`, (req) => this.inDeployment(req, (d) => ok(this.store.view(d))));
    fake.route("GET", `${project}/deployments/:id/history/logs`, (req) => this.inDeployment(req, (d) => ok(this.store.logs(d))));
    fake.route("DELETE", `${project}/deployments/:id`, (req) => this.inDeployment(req, (d) => this.store.remove(d, req)));
  }

  get deployments(): FakeDeployment[] {
    return this.store.all;
  }

  /** Polls a deployment answers "active" before its deploy stage ends. */
  set pollsUntilDone(polls: number) {
    this.store.pollsUntilDone = polls;
  }

  /** The next deployments stay queued forever. */
  set stuck(stuck: boolean) {
    this.store.stuck = stuck;
  }

  get assets() {
    return this.uploads.assets;
  }

  set jwtUses(uses: number) {
    this.uploads.jwtUses = uses;
  }

  /** The next deployment's deploy stage fails, its last log line being `line`. */
  failNextDeployment(line: string): void {
    this.failNext.push(line);
  }

  createProject(name: string, branch: string, configs: Configs = { production: {}, preview: {} }): FakeProject {
    const project = { name, subdomain: `${name}.pages.dev`, production_branch: branch, deployment_configs: configs, canonical: undefined };
    this.projects.set(name, project);
    return project;
  }

  live(project: string): FakeDeployment | undefined {
    return this.deployments.find((d) => d.id === this.projects.get(project)?.canonical);
  }

  /** Service bindings a project's or deployment's config makes. */
  boundServices(p: FakeProject): string[] {
    const fromConfig = Object.values(p.deployment_configs).flatMap((c) => Object.values(c.services ?? {}).map((s) => s.service));
    const fromLive = (this.live(p.name)?.workerMetadata?.bindings ?? []).filter((b) => b.type === "service").map((b) => String(b.service));
    return [...fromConfig, ...fromLive];
  }

  private create(req: FakeRequest): FakeResponse {
    const body = JSON.parse(req.body.toString("utf8")) as { name: string; production_branch: string; deployment_configs?: Configs };
    if (this.projects.has(body.name)) return failure(409, 8000002, "A project with this name already exists.");
    const configs = { production: {}, preview: {}, ...body.deployment_configs };
    const services = Object.values(configs).flatMap((c) => Object.values(c.services ?? {}).map((s) => s.service));
    const unknown = services.find((s) => this.options.workerExists && !this.options.workerExists(s));
    if (unknown) return failure(400, 8000022, `Invalid deployment configuration: service binding to ${unknown}, which does not exist`);
    return ok(this.view(this.createProject(body.name, body.production_branch, configs)));
  }

  private view(p: FakeProject) {
    const canonical = this.deployments.find((d) => d.id === p.canonical);
    const configs = p.deployment_configs;
    return { name: p.name, subdomain: p.subdomain, production_branch: p.production_branch, deployment_configs: configs, canonical_deployment: canonical ? this.store.view(canonical, false) : null };
  }

  private deleteProject(p: FakeProject): FakeResponse {
    const own = this.deployments.filter((d) => d.project === p.name);
    if (own.length > this.maxDeploymentsToDelete) {
      return failure(400, 8000076, "Your project has too many deployments to be deleted, follow this guide to delete them: https://cfl.re/3CXesln");
    }
    for (const d of own) this.deployments.splice(this.deployments.indexOf(d), 1);
    this.projects.delete(p.name);
    return ok(null);
  }

  private async deploy(p: FakeProject, req: FakeRequest): Promise<FakeResponse> {
    const form = await readDeploymentForm(req);
    const missing = Object.values(form.manifest).filter((hash) => !this.uploads.assets.has(hash));
    if (missing.length > 0) return failure(400, 8000096, `Failed to publish assets: missing ${missing.join(", ")}`);
    const services = (form.workerMetadata?.bindings ?? []).filter((b) => b.type === "service").map((b) => String(b.service));
    const unknown = services.find((s) => this.options.workerExists && !this.options.workerExists(s));
    if (unknown) return failure(400, 8000022, `Invalid deployment configuration: service binding to ${unknown}, which does not exist`);
    const id = `${String(this.deployments.length + 1).padStart(8, "0")}-9d1b-4c55-8e2f-0a1b2c3d4e5f`;
    const url = `https://${id.slice(0, 8)}.${p.subdomain}`;
    const stage = { name: "queued", status: "active" as const };
    const deployment: FakeDeployment = { ...form, id, url, project: p.name, stage, polls: 0, failWith: this.failNext.shift() };
    this.deployments.push(deployment);
    return ok(this.store.view(deployment, false));
  }

  private auth(req: FakeRequest, then: () => FakeResponse | Promise<FakeResponse>) {
    if (bearer(req) !== this.options.token) return failure(403, 10000, "Authentication error");
    if (req.params.account !== this.options.accountId) return failure(403, 10000, "Authentication error");
    return then();
  }

  private inProject(req: FakeRequest, then: (p: FakeProject) => FakeResponse | Promise<FakeResponse>) {
    return this.auth(req, () => {
      const p = this.projects.get(req.params.project!);
      if (!p) return failure(404, 8000007, "Project not found. The specified project name does not match any of your existing projects.");
      return then(p);
    });
  }

  private inDeployment(req: FakeRequest, then: (d: FakeDeployment) => FakeResponse) {
    return this.inProject(req, (p) => {
      const d = this.deployments.find((o) => o.id === req.params.id && o.project === p.name);
      return d ? then(d) : failure(404, 8000009, "Deployment not found.");
    });
  }
}
