import { failure, ok, type FakeRequest, type FakeResponse } from "./cloudflare-fake";
import type { DeploymentForm } from "./pages-form";

export interface FakeDeployment extends DeploymentForm {
  id: string;
  url: string;
  project: string;
  stage: { name: string; status: "active" | "success" | "failure" };
  polls: number;
  /** The deploy stage ends with this error line instead of success. */
  failWith: string | undefined;
}

export type Configs = Record<"production" | "preview", { services?: Record<string, { service: string }> } & Record<string, unknown>>;

export interface FakeProject {
  name: string;
  subdomain: string;
  production_branch: string;
  deployment_configs: Configs;
  canonical: string | undefined;
}


/** Stages of a direct-upload deployment, in order; the last one decides. */
const STAGES = ["queued", "initialize", "deploy"] as const;

/**
 * The deployments of every project: their stages as they are polled, their
 * aliases, logs, listing by pages, and deletion with the rules Pages enforces.
 */
export class PagesDeployments {
  readonly all: FakeDeployment[] = [];
  /** Polls a deployment answers "active" before its deploy stage ends. */
  pollsUntilDone = 2;
  /** Deployments stay queued forever. */
  stuck = false;

  constructor(private readonly projects: Map<string, FakeProject>) {}

  /** What GET answers; each call moves a deployment one stage on until its deploy stage ends. */
  view(d: FakeDeployment, advance = true) {
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

  list(p: FakeProject, req: FakeRequest): FakeResponse {
    const own = this.all.filter((d) => d.project === p.name).reverse();
    const perPage = Math.min(Number(req.query.get("per_page") ?? 25), 25);
    const page = Number(req.query.get("page") ?? 1);
    const result = own.slice((page - 1) * perPage, page * perPage).map((d) => this.view(d, false));
    const info = { page, per_page: perPage, count: result.length, total_count: own.length, total_pages: Math.ceil(own.length / perPage) };
    return { status: 200, body: { success: true, errors: [], messages: [], result, result_info: info } };
  }

  remove(d: FakeDeployment, req: FakeRequest): FakeResponse {
    if (this.projects.get(d.project)?.canonical === d.id) {
      return failure(400, 8000034, "You cannot delete the live production deployment of a project.");
    }
    if (this.isAliased(d) && req.query.get("force") !== "true") {
      return failure(400, 8000035, "You cannot delete an aliased deployment without a `?force=true` parameter in the API request URL.");
    }
    this.all.splice(this.all.indexOf(d), 1);
    return ok(null);
  }

  logs(d: FakeDeployment) {
    const lines = ["Initializing build environment...", "Deploying your site to Cloudflare's global network..."];
    if (d.failWith) lines.push(d.failWith);
    else if (d.stage.status === "success") lines.push("Success: Your site was deployed!");
    return { total: lines.length, includes_container_logs: false, data: lines.map((line, i) => ({ ts: `2026-01-01T00:00:0${i}Z`, line })) };
  }

  private finish(d: FakeDeployment): void {
    d.stage = { name: "deploy", status: d.failWith ? "failure" : "success" };
    const p = this.projects.get(d.project)!;
    if (!d.failWith && d.branch === p.production_branch) p.canonical = d.id;
  }

  /** The newest successful deployment of a branch carries the branch's alias. */
  private isAliased(d: FakeDeployment): boolean {
    const ofBranch = this.all.filter((o) => o.project === d.project && o.branch === d.branch && o.stage.status === "success");
    return ofBranch.at(-1)?.id === d.id;
  }
}
