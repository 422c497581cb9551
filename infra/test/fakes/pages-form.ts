import type { FakeRequest } from "./cloudflare-fake";

export interface WorkerMetadata {
  main_module: string;
  bindings?: Record<string, unknown>[];
  compatibility_date?: string;
  compatibility_flags?: string[];
  [key: string]: unknown;
}

/** What one POST .../deployments carried, part by part. */
export interface DeploymentForm {
  /** Every part's name, in the order sent. */
  order: string[];
  branch: string;
  manifest: Record<string, string>;
  /** Every other text field (wrangler_config_hash, pages_build_output_dir, commit_*). */
  fields: Record<string, string>;
  /** `_headers`, `_redirects`, `_routes.json`. */
  files: Record<string, string>;
  workerMetadata: WorkerMetadata | undefined;
  workerCode: string | undefined;
}

const SPECIAL = ["_headers", "_redirects", "_routes.json"];

export async function readDeploymentForm(req: FakeRequest): Promise<DeploymentForm> {
  const form = await multipart(req.body, String(req.headers["content-type"]));
  const fields: Record<string, string> = {};
  const files: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (SPECIAL.includes(name) && value instanceof Blob) files[name] = await value.text();
    else if (typeof value === "string" && name !== "manifest" && name !== "branch") fields[name] = value;
  }
  const bundle = form.get("_worker.bundle");
  const worker = bundle instanceof Blob ? await readBundle(await bundle.text()) : undefined;
  return {
    order: [...form.keys()],
    branch: String(form.get("branch")),
    manifest: JSON.parse(String(form.get("manifest"))) as Record<string, string>,
    fields,
    files,
    workerMetadata: worker?.metadata,
    workerCode: worker?.code,
  };
}

/** `_worker.bundle` is itself multipart: its first line names the boundary. */
async function readBundle(text: string) {
  const boundary = text.slice(2, text.indexOf("\r\n"));
  const form = await multipart(Buffer.from(text), `multipart/form-data; boundary=${boundary}`);
  const metadata = JSON.parse(String(form.get("metadata"))) as WorkerMetadata;
  const main = form.get(metadata.main_module);
  return { metadata, code: main instanceof Blob ? await main.text() : undefined };
}

export function multipart(body: Buffer, contentType: string): Promise<FormData> {
  return new Response(body, { headers: { "content-type": contentType } }).formData();
}
