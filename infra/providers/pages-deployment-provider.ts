// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_RETRY, type RetryPolicy } from "./cloudflare-api";
import { deployPages, type PagesUpload } from "./pages-upload";

export interface PagesDeploymentInputs extends PagesUpload {
  apiToken: string;
  apiBaseUrl: string;
  /** One hash over every file deployed: the only thing that triggers a new deployment. */
  contentHash: string;
  /** The Workers behind the site's service bindings; here so the deployment waits for them. */
  apiWorkers: string[];
  retry?: RetryPolicy;
}

/** State: no token, no file list. */
export interface PagesDeploymentOutputs {
  accountId: string;
  projectName: string;
  branch: string;
  contentHash: string;
  deploymentId: string;
  url: string;
}

async function deploy(inputs: PagesDeploymentInputs): Promise<PagesDeploymentOutputs> {
  const api = { baseUrl: inputs.apiBaseUrl, token: inputs.apiToken };
  const { id, url } = await deployPages(api, inputs, inputs.retry ?? DEFAULT_RETRY);
  const { accountId, projectName, branch, contentHash } = inputs;
  return { accountId, projectName, branch, contentHash, deploymentId: id, url };
}

/** Deploys the built site to its Pages project, again exactly when its content hash changes. */
export const pagesDeploymentProvider = {
  async diff(_id: string, olds: PagesDeploymentOutputs, news: PagesDeploymentInputs) {
    const moved = olds.accountId !== news.accountId || olds.projectName !== news.projectName;
    const changed = moved || olds.branch !== news.branch || olds.contentHash !== news.contentHash;
    return { changes: changed, replaces: moved ? ["projectName"] : [] };
  },
  async create(inputs: PagesDeploymentInputs) {
    const outs = await deploy(inputs);
    return { id: outs.deploymentId, outs };
  },
  async update(_id: string, _olds: PagesDeploymentOutputs, news: PagesDeploymentInputs) {
    return { outs: await deploy(news) };
  },
  // Deleting the project removes its deployments; Pages refuses to delete the live one alone.
  async delete() {},
} satisfies pulumi.dynamic.ResourceProvider<PagesDeploymentInputs, PagesDeploymentOutputs>;
