// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import type * as pulumi from "@pulumi/pulumi";
import { cfRequest, DEFAULT_RETRY, type RetryPolicy } from "./cloudflare-api";
import { getOrMissing, liveDeployment, pruneDeployments } from "./pages-prune";
import { DEFAULT_POLL } from "./pages-status";
import { deployPages, type PagesUpload } from "./pages-upload";
import type { ApiBinding } from "./worker-bundle";

export interface PagesDeploymentInputs extends PagesUpload {
  apiToken: string;
  apiBaseUrl: string;
  /** One hash over every file deployed. */
  contentHash: string;
  /** Deployments kept for rollback besides the live one; older ones are deleted after each deploy. */
  keepDeployments: number;
  /** Tests shorten the backoff and the polling; absent in real stacks. */
  retry?: RetryPolicy;
  poll?: RetryPolicy;
}

/** State: no file list; the token (secret) so `refresh` and `destroy` can call the API. */
export interface PagesDeploymentOutputs {
  accountId: string;
  projectName: string;
  branch: string;
  contentHash: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  bindings: ApiBinding[];
  keepDeployments: number;
  deploymentId: string;
  url: string;
  /** False once `refresh` finds another deployment serving production (a rollback): the next `up` deploys again. */
  live: boolean;
  apiToken: string;
  apiBaseUrl: string;
}

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const projectPath = (p: { accountId: string; projectName: string }) => `/accounts/${p.accountId}/pages/projects/${p.projectName}`;
const apiOf = (p: { apiBaseUrl: string; apiToken: string }) => ({ baseUrl: p.apiBaseUrl, token: p.apiToken });
// Pages applies bindings and compatibility settings only to new deployments: a change to them is a redeploy.
const configKey = (p: { bindings?: ApiBinding[]; compatibilityDate: string; compatibilityFlags?: string[] }) =>
  JSON.stringify([p.bindings ?? [], p.compatibilityDate, p.compatibilityFlags ?? []]);

async function deploy(inputs: PagesDeploymentInputs): Promise<PagesDeploymentOutputs> {
  const retry = inputs.retry ?? DEFAULT_RETRY;
  const { id, url } = await deployPages(apiOf(inputs), inputs, retry, inputs.poll ?? DEFAULT_POLL);
  await pruneDeployments(apiOf(inputs), projectPath(inputs), inputs.keepDeployments, retry);
  const { accountId, projectName, branch, contentHash, compatibilityDate, compatibilityFlags, bindings, keepDeployments, apiToken, apiBaseUrl } = inputs;
  return { accountId, projectName, branch, contentHash, compatibilityDate, compatibilityFlags, bindings, keepDeployments, deploymentId: id, url, live: true, apiToken, apiBaseUrl };
}

function failuresOf(news: PagesDeploymentInputs): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const known = (value: unknown) => value !== UNKNOWN;
  if (known(news.accountId) && !/^[0-9a-f]{32}$/.test(news.accountId)) failures.push({ property: "accountId", reason: `"${news.accountId}" is not 32 hex digits` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(news.compatibilityDate)) failures.push({ property: "compatibilityDate", reason: `"${news.compatibilityDate}" is not YYYY-MM-DD` });
  const names = (Array.isArray(news.bindings) ? news.bindings : []).map((b) => b.name).filter(known);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) failures.push({ property: "bindings", reason: `binding ${twice} is declared twice` });
  if (!Number.isInteger(news.keepDeployments) || news.keepDeployments < 1) {
    failures.push({ property: "keepDeployments", reason: `keepDeployments must be a whole number of at least 1, not ${news.keepDeployments}` });
  }
  return failures;
}

/**
 * Deploys the built site to its Pages project, again whenever its files, its
 * bindings or its compatibility settings change; waits until the deployment is
 * live; keeps the newest deployments and deletes the rest.
 */
export const pagesDeploymentProvider = {
  async check(_olds: PagesDeploymentInputs, news: PagesDeploymentInputs) {
    return { inputs: news, failures: failuresOf(news) };
  },
  async diff(_id: string, olds: PagesDeploymentOutputs, news: PagesDeploymentInputs) {
    const moved = olds.accountId !== news.accountId || olds.projectName !== news.projectName;
    const redeploy = olds.branch !== news.branch || olds.contentHash !== news.contentHash || configKey(olds) !== configKey(news) || olds.live === false;
    const settings = olds.apiToken !== news.apiToken || olds.keepDeployments !== news.keepDeployments;
    return { changes: moved || redeploy || settings, replaces: moved ? ["projectName"] : [] };
  },
  async create(inputs: PagesDeploymentInputs) {
    const outs = await deploy(inputs);
    return { id: outs.deploymentId, outs };
  },
  async update(_id: string, olds: PagesDeploymentOutputs, news: PagesDeploymentInputs) {
    const redeploy = olds.branch !== news.branch || olds.contentHash !== news.contentHash || configKey(olds) !== configKey(news) || olds.live === false;
    // A new token or retention alone changes the state, not the site.
    if (!redeploy) return { outs: { ...olds, apiToken: news.apiToken, apiBaseUrl: news.apiBaseUrl, keepDeployments: news.keepDeployments } };
    return { outs: await deploy(news) };
  },
  /** What `refresh` sees: whether the deployment still exists and still serves production. */
  async read(id: string, state?: PagesDeploymentOutputs) {
    const props = state!;
    const retry = DEFAULT_RETRY;
    const found = await getOrMissing(() => cfRequest<{ url: string }>(apiOf(props), "GET", `${projectPath(props)}/deployments/${props.deploymentId}`, undefined, retry));
    if (!found) return { id: "" };
    const live = (await liveDeployment(apiOf(props), projectPath(props), retry)) === props.deploymentId;
    return { id, props: { ...props, url: found.url, live } };
  },
  /** Every deployment but the live one, which Pages keeps until the project itself is deleted. */
  async delete(_id: string, props: PagesDeploymentOutputs) {
    await pruneDeployments(apiOf(props), projectPath(props), 0, DEFAULT_RETRY);
  },
} satisfies pulumi.dynamic.ResourceProvider<PagesDeploymentInputs, PagesDeploymentOutputs>;
