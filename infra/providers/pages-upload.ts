// Serialized into the dynamic provider: Node modules are imported inside functions
// (a captured module object cannot be serialized), sibling provider files statically.
import { cfRequest, DEFAULT_RETRY, type ApiError, type ApiTarget, type RetryPolicy } from "./cloudflare-api";
import { DEFAULT_POLL, waitUntilDeployed } from "./pages-status";
import { bundleMetadata, workerBundle, type BundleConfig } from "./worker-bundle";

/** One static file of the site: `hash` is its asset key (wrangler's blake3 key). */
export interface PagesAsset {
  path: string;
  hash: string;
  sha256: string;
  size: number;
  contentType: string;
}

export interface PagesUpload extends BundleConfig {
  accountId: string;
  projectName: string;
  branch: string;
  directory: string;
  assets: PagesAsset[];
  specialFiles: Record<string, string>;
  workerSha256: string | undefined;
  /** `pages_build_output_dir` of site/wrangler.jsonc, sent as wrangler sends it. */
  buildOutputDir: string;
}

/** One upload request carries at most this much (wrangler's bucket limits). */
export const MAX_BUCKET_BYTES = 40 * 1024 * 1024;
export const MAX_BUCKET_FILES = 2000;
const JWT_EXPIRED = 8000013;

/**
 * Direct upload, as `wrangler pages deploy` does it: an upload token, the asset
 * keys Pages does not have yet, those files in buckets, then a deployment whose
 * manifest maps every path to its key. Returns once the deployment is live.
 */
export async function deployPages(api: ApiTarget, site: PagesUpload, retry: RetryPolicy = DEFAULT_RETRY, poll: RetryPolicy = DEFAULT_POLL) {
  const project = `/accounts/${site.accountId}/pages/projects/${site.projectName}`;
  const uploadToken = async () => (await cfRequest<{ jwt: string }>(api, "GET", `${project}/upload-token`, undefined, retry)).jwt;
  let jwt = await uploadToken();
  const assetsCall = async <T>(path: string, body: unknown): Promise<T> => {
    try {
      return await cfRequest<T>({ baseUrl: api.baseUrl, token: jwt }, "POST", path, body, retry);
    } catch (error) {
      if (!(error as ApiError).errors?.some((e) => e.code === JWT_EXPIRED)) throw error;
      jwt = await uploadToken();
      return cfRequest<T>({ baseUrl: api.baseUrl, token: jwt }, "POST", path, body, retry);
    }
  };
  const hashes = site.assets.map((a) => a.hash);
  const missing = new Set(await assetsCall<string[]>("/pages/assets/check-missing", { hashes }));
  for (const bucket of buckets(site.assets.filter((a) => missing.has(a.hash)))) {
    await assetsCall("/pages/assets/upload", await Promise.all(bucket.map((a) => assetPayload(site.directory, a))));
  }
  await assetsCall("/pages/assets/upsert-hashes", { hashes });
  const form = await deploymentForm(site);
  const created = await cfRequest<{ id: string; url: string }>(api, "POST", `${project}/deployments`, form, retry);
  const deployed = await waitUntilDeployed(api, project, created.id, poll, retry);
  return { id: created.id, url: deployed.url ?? created.url };
}

function buckets(assets: PagesAsset[]): PagesAsset[][] {
  const result: PagesAsset[][] = [];
  let current: PagesAsset[] = [];
  let bytes = 0;
  for (const asset of [...assets].sort((a, b) => b.size - a.size)) {
    if (current.length > 0 && (bytes + asset.size > MAX_BUCKET_BYTES || current.length >= MAX_BUCKET_FILES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(asset);
    bytes += asset.size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

async function readChecked(directory: string, path: string, sha256: string): Promise<Buffer> {
  const { readFile } = await import("node:fs/promises");
  const { createHash } = await import("node:crypto");
  const bytes = await readFile(`${directory}/${path}`);
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) {
    throw new Error(`${directory}/${path} changed after the program read it: run \`pulumi up\` again`);
  }
  return bytes;
}

async function assetPayload(directory: string, asset: PagesAsset) {
  const bytes = await readChecked(directory, asset.path, asset.sha256);
  return { key: asset.hash, value: bytes.toString("base64"), metadata: { contentType: asset.contentType }, base64: true };
}

// Parts in wrangler's order: manifest, branch, _headers, _redirects, config marks, bundle, _routes.json.
async function deploymentForm(site: PagesUpload): Promise<FormData> {
  const form = new FormData();
  const special = async (name: string) => {
    const sha256 = site.specialFiles[name];
    if (sha256) form.set(name, new File([await readChecked(site.directory, name, sha256)], name));
  };
  form.set("manifest", JSON.stringify(Object.fromEntries(site.assets.map((a) => [`/${a.path}`, a.hash]))));
  form.set("branch", site.branch);
  await special("_headers");
  await special("_redirects");
  form.set("wrangler_config_hash", await sha256Hex(JSON.stringify(bundleMetadata(site))));
  form.set("pages_build_output_dir", site.buildOutputDir);
  if (site.workerSha256) {
    const code = await readChecked(site.directory, "_worker.js", site.workerSha256);
    form.set("_worker.bundle", new File([await workerBundle(code, site)], "_worker.bundle"));
  }
  await special("_routes.json");
  return form;
}

async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(text).digest("hex");
}
