import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { PagesDeployment } from "../providers/pages-deployment";
import type { ApiBinding } from "../providers/worker-bundle";
import type { SiteManifest } from "../site-manifest";
import type { WorkerDeclaration } from "../wrangler/worker-config";

export const PRODUCTION_BRANCH = "main";
/** Deployments kept for a rollback from the dashboard besides the live one; older ones are deleted. */
export const KEEP_DEPLOYMENTS = 10;

export interface SiteArgs {
  accountId: string;
  projectName: string;
  /** site/wrangler.jsonc */
  declaration: WorkerDeclaration;
  /** Bindings of the `_worker.js` gateway (service bindings to the user Worker and the app Workers). */
  bindings: pulumi.Input<pulumi.Input<ApiBinding>[]>;
  /** The built site (dist/site): pages, assets and `_worker.js`. */
  manifest: SiteManifest;
  customDomain: { name: string; zoneId: string | undefined } | undefined;
  apiToken: pulumi.Input<string>;
  apiBaseUrl: string;
}

/**
 * The Pages project, its optional custom domain, and its content, deployed in
 * the same run. `/api/*` reaches the user Worker through the gateway's service
 * binding (or, with `apiRoute`, a Workers route on the custom domain: ApiRoute),
 * so pages and API share one origin and cookies stay first-party.
 * The project holds no binding: bindings travel with each deployment, which
 * waits for the Workers they name (docs/decisions/0005-pages-bindings-per-deployment.md).
 *
 * @example
 * const site = new Site("site", { accountId, projectName: names.of("site"), declaration, bindings, manifest, customDomain: undefined, apiToken, apiBaseUrl });
 * // site.url: the custom domain if configured, else https://<project>.pages.dev
 */
export class Site extends pulumi.ComponentResource {
  readonly project: cloudflare.PagesProject;
  readonly pagesDevUrl: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly deployment: PagesDeployment;

  constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:Site", name, {}, opts);
    this.project = this.createProject(name, args);
    // Pages names are global: the subdomain may carry a suffix when the plain one is taken.
    this.pagesDevUrl = pulumi.interpolate`https://${this.project.subdomain}`;
    this.url = args.customDomain ? this.createCustomDomain(name, args, args.customDomain) : this.pagesDevUrl;
    this.deployment = this.createDeployment(name, args);
    this.registerOutputs({ url: this.url, pagesDevUrl: this.pagesDevUrl, deploymentUrl: this.deployment.url });
  }

  private createProject(name: string, args: SiteArgs): cloudflare.PagesProject {
    return new cloudflare.PagesProject(
      `${name}-project`,
      { accountId: args.accountId, name: args.projectName, productionBranch: PRODUCTION_BRANCH },
      { parent: this },
    );
  }

  private createCustomDomain(name: string, args: SiteArgs, domain: { name: string; zoneId: string | undefined }) {
    const pagesDomain = new cloudflare.PagesDomain(
      `${name}-domain`,
      { accountId: args.accountId, projectName: this.project.name, name: domain.name },
      { parent: this },
    );
    if (domain.zoneId) {
      new cloudflare.DnsRecord(
        `${name}-dns`,
        { zoneId: domain.zoneId, name: domain.name, type: "CNAME", content: this.project.subdomain, proxied: true, ttl: 1 },
        { parent: this },
      );
    }
    return pulumi.interpolate`https://${pagesDomain.name}`;
  }

  private createDeployment(name: string, args: SiteArgs): PagesDeployment {
    return new PagesDeployment(
      `${name}-content`,
      {
        accountId: args.accountId,
        projectName: this.project.name,
        branch: PRODUCTION_BRANCH,
        apiToken: args.apiToken,
        apiBaseUrl: args.apiBaseUrl,
        site: args.manifest,
        compatibilityDate: args.declaration.compatibilityDate,
        compatibilityFlags: args.declaration.compatibilityFlags,
        bindings: args.bindings,
        buildOutputDir: args.declaration.pagesBuildOutputDir ?? "dist",
        keepDeployments: KEEP_DEPLOYMENTS,
      },
      { parent: this },
    );
  }
}
