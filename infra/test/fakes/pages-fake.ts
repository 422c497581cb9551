import { bearer, failure, ok, type CloudflareFake, type FakeRequest, type FakeResponse } from "./cloudflare-fake";
import { PagesAssetsFake } from "./pages-assets-fake";
import { readDeploymentForm, type DeploymentForm } from "./pages-form";

/** Stages of a direct-upload deployment, in order; the last one decides. */
const STAGES = ["queued", "initialize", "deploy"] as const;

export interface FakeDeployment extends DeploymentForm {
  id: string;
  url: string;
  project: string;
  stage: { name: string; status: "active" | "success" | "failure" };
  polls: number;
  /** The deploy stage ends with this error line instead of success. */
  failWith: string | undefined;
}

type Configs = Record<"production" | "preview", { services?: Record<string, { service: string }> } & Record<string, unknown>>;

export interface FakeProject {
  name: string;
  subdomain: string;
  production_branch: string;
  deployment_configs: Configs;
  canonical: string | undefined;
}

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
  readonly deployments: FakeDeployment[] = [];
  readonly uploads: PagesAssetsFake;
  /** Polls a deployment answers "active" before its deploy stage ends. */
  pollsUntilDone = 2;
  /** A project with more deployments than this cannot be deleted. */
  maxDeploymentsToDelete = 100;
  /** The next deployments stay queued forever. */
  stuck = false;
  private failNext: string[] = [];

  constructor(fake: CloudflareFake, private readonly options: PagesFakeOptions) {
    this.uploads = new PagesAssetsFake(fake);
    if (options.projectName) this.createProject(options.projectName, "main");
    const base = "/accounts/:account/pages/projects";
    const project = `${base}/:project`;
    fake.route("POST", base, (req) => this.auth(req, () => this.create(req)));
    fake.route("GET", project, (req) => this.inProject(req, (p) => ok(this.view(p))));
    fake.route("DELETE", project, (req) => this.inProject(req, (p) => this.deleteProject(p)));
    fake.route("GET", `${project}/upload-token`, (req) => this.inProject(req, () => ok({ jwt: this.uploads.issue() })));
    fake.route("POST", `${project}/deployments`, (req) => this.inProject(req, (p) => this.deploy(p, req)));
    fake.route("GET", `${project}/deployments`, (req) => this.inProject(req, (p) => this.list(p, req)));
    fake.route("GET", `${project}/deployments/:id`, (req) => this.inDeployment(req, (d) => ok(this.poll(d))));
    fake.route("GET", `${project}/deployments/:id/history/logs`, (req) => this.inDeployment(req, (d) => ok(logs(d))));
    fake.route("DELETE", `${project}/deployments/:id`, (req) => this.inDeployment(req, (d) => this.remove(d, req)));
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
    return { name: p.name, subdomain: p.subdomain, production_branch: p.production_branch, deployment_configs: configs, canonical_deployment: canonical ? this.poll(canonical, false) : null };
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
    return ok(this.poll(deployment, false));
  }

  /** What GET answers; each call moves a deployment one stage on until its deploy stage ends. */
  private poll(d: FakeDeployment, advance = true) {
    if (advance && d.stage.status === "active" && !this.stuck) {
      d.polls++;
      if (d.polls >= this.pollsUntilDone) this.finish(d);
      else d.stage = { name: STAGES[Math.min(d.polls, STAGES.length - 1)]!, status: "active" };
    }
    const p = this.projects.get(d.project)!;
    const aliases = this.isAliased(d) ? [`https://${d.branch}.${p.subdomain}`] : null;
    const environment = d.branch === p.production_branch ? "production" : "preview";
    return { id: d.id, url: d.url, environment, project_name: p.name, latest_stage: d.stage, aliases, deployment_trigger: { type: "ad_hoc", metadata: { branch: d.branch } } };
  }

  private finish(d: FakeDeployment): void {
    d.stage = { name: "deploy", status: d.failWith ? "failure" : "success" };
    const p = this.projects.get(d.project)!;
    if (!d.failWith && d.branch === p.production_branch) p.canonical = d.id;
  }

  /** The newest successful deployment of a branch carries the branch's alias. */
  private isAliased(d: FakeDeployment): boolean {
    const ofBranch = this.deployments.filter((o) => o.project === d.project && o.branch === d.branch && o.stage.status === "success");
    return ofBranch.at(-1)?.id === d.id;
  }

  private list(p: FakeProject, req: FakeRequest): FakeResponse {
    const all = this.deployments.filter((d) => d.project === p.name).reverse();
    const perPage = Math.min(Number(req.query.get("per_page") ?? 25), 25);
    const page = Number(req.query.get("page") ?? 1);
    const result = all.slice((page - 1) * perPage, page * perPage).map((d) => this.poll(d, false));
    const info = { page, per_page: perPage, count: result.length, total_count: all.length, total_pages: Math.ceil(all.length / perPage) };
    return { status: 200, body: { success: true, errors: [], messages: [], result, result_info: info } };
  }

  private remove(d: FakeDeployment, req: FakeRequest): FakeResponse {
    if (this.projects.get(d.project)?.canonical === d.id) {
      return failure(400, 8000034, "You cannot delete the live production deployment of a project.");
    }
    if (this.isAliased(d) && req.query.get("force") !== "true") {
      return failure(400, 8000035, "You cannot delete an aliased deployment without a `?force=true` parameter in the API request URL.");
    }
    this.deployments.splice(this.deployments.indexOf(d), 1);
    return ok(null);
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

function logs(d: FakeDeployment) {
  const lines = ["Initializing build environment...", "Deploying your site to Cloudflare's global network..."];
  if (d.failWith) lines.push(d.failWith);
  else if (d.stage.status === "success") lines.push("Success: Your site was deployed!");
  return { total: lines.length, includes_container_logs: false, data: lines.map((line, i) => ({ ts: `2026-01-01T00:00:0${i}Z`, line })) };
}
