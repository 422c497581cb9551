import * as pulumi from "@pulumi/pulumi";
import type { SiteManifest } from "../site-manifest";
import { pagesDeploymentProvider } from "./pages-deployment-provider";
import type { ApiBinding } from "./worker-bundle";

export interface PagesDeploymentArgs {
  accountId: pulumi.Input<string>;
  projectName: pulumi.Input<string>;
  branch: string;
  apiToken: pulumi.Input<string>;
  apiBaseUrl: pulumi.Input<string>;
  site: SiteManifest;
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** The gateway's bindings; their targets must exist before the deployment, so it waits for them. */
  bindings: pulumi.Input<pulumi.Input<ApiBinding>[]>;
  /** `pages_build_output_dir` of site/wrangler.jsonc. */
  buildOutputDir: string;
  /** Deployments kept for rollback besides the live one. */
  keepDeployments: number;
}

/** The site's files, deployed to its Pages project by direct upload during `pulumi up`. */
export class PagesDeployment extends pulumi.dynamic.Resource {
  declare readonly deploymentId: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  declare readonly contentHash: pulumi.Output<string>;

  constructor(name: string, args: PagesDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    const { site, ...rest } = args;
    const props = {
      ...rest,
      apiToken: pulumi.secret(args.apiToken),
      directory: site.directory,
      assets: site.assets,
      specialFiles: site.specialFiles,
      workerSha256: site.workerSha256,
      contentHash: site.contentHash,
      deploymentId: undefined,
      url: undefined,
      live: undefined,
    };
    super(pagesDeploymentProvider, name, props, { ...opts, additionalSecretOutputs: ["apiToken"] }, "workers-users", "PagesDeployment");
  }
}
